//! The checked chronology written for other tools: CSV for spreadsheets, JSON, Markdown and
//! HTML tables for reports, and TimelineJS data for interactive pages.
