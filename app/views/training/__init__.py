"""Training mode's screens: the guide beside the wizard, the presenter's controls."""
