"""Entry script for the frozen app: the same main() as `lumbung-desktop`."""

from desktop.ui.app import main

raise SystemExit(main())
