"""The sidebar pages of an open business."""
