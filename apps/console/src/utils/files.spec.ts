import { describe, expect, it } from 'vitest';
import {
  contentTypeOf,
  hashCheck,
  previewKind,
  sha256Of,
  shortHash,
  sizeLabel,
  typeLabel,
} from './files';

describe('sizeLabel', () => {
  it('says bytes below a kilobyte, then KB and MB with one decimal', () => {
    expect(sizeLabel(0)).toBe('0 B');
    expect(sizeLabel(1023)).toBe('1023 B');
    expect(sizeLabel(1024)).toBe('1.0 KB');
    expect(sizeLabel(1536)).toBe('1.5 KB');
    expect(sizeLabel(20 * 1024 * 1024)).toBe('20.0 MB');
    expect(sizeLabel(2.25 * 1024 * 1024)).toBe('2.3 MB');
  });

  it('shows a dash for what is not a size', () => {
    expect(sizeLabel(-1)).toBe('—');
    expect(sizeLabel(Number.NaN)).toBe('—');
  });
});

describe('typeLabel', () => {
  it('names the accepted types in Chinese', () => {
    expect(typeLabel('application/pdf')).toBe('PDF 文档');
    expect(typeLabel('image/png')).toBe('PNG 图片');
    expect(typeLabel('image/jpeg')).toBe('JPEG 图片');
    expect(typeLabel('text/plain; charset=utf-8')).toBe('文本文件');
    expect(typeLabel('IMAGE/PNG')).toBe('PNG 图片');
  });

  it('says when the node will not take a type, and when there is none', () => {
    expect(typeLabel('image/heic')).toBe('image/heic（本节点不接受）');
    expect(typeLabel('')).toBe('未知类型');
  });
});

describe('contentTypeOf', () => {
  it('takes the browser’s type, else the name’s extension', () => {
    expect(contentTypeOf({ name: '照片.jpg', type: 'image/jpeg' })).toBe('image/jpeg');
    expect(contentTypeOf({ name: '凭证.PDF', type: '' })).toBe('application/pdf');
    expect(contentTypeOf({ name: '说明.docx', type: '' })).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(contentTypeOf({ name: '无扩展名', type: '' })).toBe('');
  });
});

describe('previewKind', () => {
  it('previews images and PDFs in the browser, nothing else', () => {
    expect(previewKind('image/png')).toBe('image');
    expect(previewKind('image/jpeg')).toBe('image');
    expect(previewKind('application/pdf')).toBe('pdf');
    expect(previewKind('text/plain')).toBeNull();
  });
});

describe('sha256Of', () => {
  it('hashes a file’s bytes as the node does (hex)', async () => {
    // echo -n abc | sha256sum
    expect(await sha256Of(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(await sha256Of(new Blob([]))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('hashes the bytes, not the text: a Chinese name’s UTF-8', async () => {
    // printf '问题' | sha256sum
    expect(await sha256Of(new Blob(['问题']))).toBe(
      await sha256Of(new Blob([new Uint8Array([0xe9, 0x97, 0xae, 0xe9, 0xa2, 0x98])])),
    );
  });
});

describe('hashCheck and shortHash', () => {
  it('compares the browser’s hash with the node’s', () => {
    expect(hashCheck('ABC', 'abc')).toBe('same');
    expect(hashCheck('abc', 'abd')).toBe('different');
    expect(hashCheck(undefined, 'abc')).toBe('unknown');
  });

  it('shortens a long hash to its two ends', () => {
    expect(shortHash('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')).toBe(
      'ba7816bf…f20015ad',
    );
    expect(shortHash('abc')).toBe('abc');
  });
});
