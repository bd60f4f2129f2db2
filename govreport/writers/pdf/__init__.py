"""The PDF writer and its Chinese typesetting (grid paragraphs, kinsoku line breaking)."""
