/** What an answer's sealed box holds (JSON, UTF-8): only the requesting node can open it. */
export interface SealedAnswer {
  summary: string;
  attachments: Array<{
    filename: string;
    contentType: string;
    size: number;
    sha256: string;
    contentBase64: string;
  }>;
}
