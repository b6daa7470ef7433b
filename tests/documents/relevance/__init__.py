"""A search relevance set: council documents written for the test (`documents`), printed at run time
as three kinds of PDF (browser-printed, Word-like, scanned with an OCR text layer), and queries
with the pages a council user would judge relevant (`judgements`)."""
