/**
 * What a caller may send: the rules every string, number and time field of every request and import
 * shares, so that both databases answer the same input the same way and a bad one is refused with 400
 * and its path before any database sees it.
 */
export { identifier, multiLine, readableId, singleLine } from './text.js';
export { days, MAX_DAYS, MAX_MONEY, MAX_UNITS, MAX_WEIGHT_KG, money, units, weightKg } from './numbers.js';
export { calendarDate, EARLIEST, instant, isStorableTime, LATEST } from './time.js';
export { excerpt } from './excerpt.js';
