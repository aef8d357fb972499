//! Names in running text: case-insensitive, on word boundaries (SPEC §4.6).
