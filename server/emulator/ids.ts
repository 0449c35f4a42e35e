// Salesforce ids: the case-safe suffix that makes a 15-character id 18, and ids saved with a wrong suffix.

/**
 * The 18-character form of a 15-character id: three letters that say, for each five characters, which are upper
 * case (bit i for character i of the five), so that the id survives systems that ignore case.
 */
export function caseSafeId(id15: string): string {
  const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  let suffix = '';
  for (let chunk = 0; chunk < 15; chunk += 5) {
    let bits = 0;
    for (let i = 0; i < 5; i++) if (/[A-Z]/.test(id15[chunk + i] ?? '')) bits |= 1 << i;
    suffix += SUFFIX_ALPHABET[bits];
  }
  return id15 + suffix;
}

/**
 * Files saved when the users' ids ended in AAU, a wrong case-safe suffix (the state file and the REST records):
 * read with the ids the users have now, so approvals, tokens, the Run As user and record owners still name them.
 */
export function withCurrentUserIds(savedText: string): string {
  return savedText.replace(/"0055j00000(AdMiN|StAnD|InAcT)AAU"/g, '"0055j00000$1AAV"');
}
