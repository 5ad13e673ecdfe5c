/** A calendar date on the wire, YYYY-MM-DD (China Standard Time), as the planning events carry it. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
