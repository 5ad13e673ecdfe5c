/** `code 标签, …`: how an enumeration's values read, for the API documentation. */
export function labelled(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([code, label]) => `${code} ${label}`)
    .join(', ');
}
