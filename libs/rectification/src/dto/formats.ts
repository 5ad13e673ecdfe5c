/**
 * How the views of this library write time and absence, as OpenAPI schemas. Timestamps are
 * written in Beijing time (+08:00) by the HTTP layer; calendar dates are YYYY-MM-DD.
 */
export const DATE_TIME = { type: String, format: 'date-time' } as const;
export const NULLABLE_DATE_TIME = { ...DATE_TIME, nullable: true } as const;
export const NULLABLE_TEXT = { type: String, nullable: true } as const;
