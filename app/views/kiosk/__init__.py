"""The kiosk: touch-first screens for citizens (``dvc-desk --mode kiosk``)."""
