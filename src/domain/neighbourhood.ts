/**
 * When two neighbourhood names are the same neighbourhood. One rule for every place that compares or groups them:
 * the server's assignments and its "who may move a session" rule, the officer's list of neighbourhoods, and the
 * kiosk's "earlier workshops of this neighbourhood".
 *
 * Rule: Unicode NFC first ("Tŵr Ward" typed with ŵ as one character or as w + combining circumflex, as some
 * keyboards and pasted text give it, is one name), then spaces trimmed and runs of white space made one space,
 * then lower case (en-GB). Two names with the same key are one neighbourhood.
 */

/** The name a neighbourhood is matched on: "Ashfield  north" = "Ashfield North", NFC and NFD alike. */
export function neighbourhoodKey(name: string): string {
  return neighbourhoodName(name).toLocaleLowerCase('en-GB');
}

/** A neighbourhood's name as it is shown and stored: NFC, trimmed, one space between words, case kept. */
export function neighbourhoodName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** A typed neighbourhood as it will be stored (`neighbourhoodName`), anything else as it is, for the checks. */
export function asNeighbourhood(value: unknown): unknown {
  return typeof value === 'string' ? neighbourhoodName(value) : value;
}

/** Whether two names are the same neighbourhood (`neighbourhoodKey`). */
export function isSameNeighbourhood(a: string, b: string): boolean {
  return neighbourhoodKey(a) === neighbourhoodKey(b);
}
