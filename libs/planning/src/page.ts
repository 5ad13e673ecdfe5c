/** Paging lives in @liandong/common (other libraries page too); re-exported for planning. */
export { TOTAL_COUNT_HEADER, withTotal } from '@liandong/common';
export type { Page } from '@liandong/common';
