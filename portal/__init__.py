"""The DVC Desk reference portal: a FastAPI server implementing sync protocol v1.

It stands in for the province's one-stop system: a province or district can run it, trainers
run it embedded in the desktop app, and the tests run it for real on loopback. Importing this
package never pulls in Qt.
"""
