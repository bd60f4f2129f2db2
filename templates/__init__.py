"""Format definitions (data files), shipped inside the wheel as govreport.templates."""
