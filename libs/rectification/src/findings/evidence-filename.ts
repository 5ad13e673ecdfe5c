// Moved to libs/common (oversight's observation evidence names files the same way).
export {
  attachmentDisposition,
  FALLBACK_FILENAME,
  FILENAME_MAX_BYTES,
  safeFilename,
} from '@liandong/common';
