"""Top-level screens: welcome, business chooser with PIN pad, the new-business wizard, workspace."""
