"""One module per page: the page's sections, in reading order."""
