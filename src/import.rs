//! An events file written from a spreadsheet's CSV: citeline's own export columns, or
//! TimelineJS's sheet columns.
