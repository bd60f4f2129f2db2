"""Writers: each translates a layout document into one output format."""
