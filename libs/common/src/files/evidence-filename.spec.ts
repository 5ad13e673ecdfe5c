import { attachmentDisposition, FILENAME_MAX_BYTES, safeFilename } from './evidence-filename';

describe('evidence file names', () => {
  it('keeps only the base name, for / and \\ alike, without . or ..', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('..\\..\\windows\\win.ini')).toBe('win.ini');
    expect(safeFilename('/etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\王某\\会计凭证.pdf')).toBe('会计凭证.pdf');
    expect(safeFilename('folder/')).toBe('folder');
    expect(safeFilename('..')).toBe('证据');
    expect(safeFilename('../..//./')).toBe('证据');
  });

  it('drops control and invisible characters, leading dots, Windows-reserved characters and device names', () => {
    expect(safeFilename('凭\u0000证\u001f.pdf')).toBe('凭证.pdf');
    expect(safeFilename('报告\u202Efdp.exe')).toBe('报告fdp.exe');
    expect(safeFilename('.bashrc')).toBe('bashrc');
    expect(safeFilename('  说明.txt. ')).toBe('说明.txt');
    expect(safeFilename('a:b*c?.txt')).toBe('a_b_c_.txt');
    expect(safeFilename('CON.txt')).toBe('_CON.txt');
    expect(safeFilename('\u0007\u0008')).toBe('证据');
  });

  it('limits the length in bytes, keeping the extension and whole characters', () => {
    const name = safeFilename(`${'凭'.repeat(150)}.pdf`);
    expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(FILENAME_MAX_BYTES);
    expect(name.endsWith('凭.pdf')).toBe(true);
    expect(name).not.toContain('\uFFFD');
  });

  it('sends the name as RFC 5987 filename* with an ASCII fallback', () => {
    expect(attachmentDisposition('../../etc/passwd')).toBe(
      `attachment; filename="passwd"; filename*=UTF-8''passwd`,
    );
    expect(attachmentDisposition('会计凭证.pdf')).toBe(
      `attachment; filename="evidence.pdf"; filename*=UTF-8''%E4%BC%9A%E8%AE%A1%E5%87%AD%E8%AF%81.pdf`,
    );
    expect(attachmentDisposition(`it's (1) "a"%b.txt`)).toBe(
      `attachment; filename="it's (1) _a__b.txt"; filename*=UTF-8''it%27s%20%281%29%20_a_%25b.txt`,
    );
  });
});
