/**
 * Normalises an ISBN as people type it ("978-0-14-143951-8", "0 14 143951 X") to its bare
 * digits, or returns null when it is neither a valid ISBN-10 nor a valid ISBN-13.
 */
export function normalizeIsbn(value: string): string | null {
  const bare = value.replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(bare)) return isbn10ChecksumOk(bare) ? bare : null;
  if (/^\d{13}$/.test(bare)) return isbn13ChecksumOk(bare) ? bare : null;
  return null;
}

// ISBN-10: digits weighted 10 down to 1 sum to a multiple of 11; a final X stands for 10.
function isbn10ChecksumOk(isbn: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = isbn[i] === 'X' ? 10 : Number(isbn[i]);
    sum += digit * (10 - i);
  }
  return sum % 11 === 0;
}

// ISBN-13 (EAN-13): digits weighted alternately 1 and 3 sum to a multiple of 10.
function isbn13ChecksumOk(isbn: string): boolean {
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(isbn[i]) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}
