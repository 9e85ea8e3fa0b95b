// Filled in by the performance work (issue 5).
