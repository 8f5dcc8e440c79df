// The CSV rule shared by the command line and the page for a first column of row labels: R's
// write.csv() writes its row names as an unnamed first column (header `""`), and pandas'
// to_csv() writes its index the same way (an empty first header). Such a column is row names,
// not data: it is dropped, and the reader says so. An empty name anywhere else is an error.

/** True when the header (names already trimmed) opens with an unnamed column of row labels. */
export function hasRowNames(header: readonly string[]): boolean {
  return header.length > 1 && header[0] === '';
}

