"""Work off the GUI thread: QtCore only (no widgets), between the views and the services."""
