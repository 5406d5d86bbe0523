"""The shared kernel of DVC Desk: what the desktop app and the portal both obey.

Rules (messages, text, identity, fields, dossier, passwords), the procedure catalog, the blob
store, the administrative divisions, the dossier lifecycle and the wire shapes of sync
protocol v1. It imports neither ``app`` nor ``portal``, and never Qt.
"""
