/**
 * When an entry must be re-read: its collection's interval (the registry's `reviewMonths`) after
 * its last review. Pure and dependency-free: `essaim stale` and the reader's browser (« à vérifier »)
 * use the same functions.
 */
import type { Collection } from './collections.js';

export interface Review {
  /** Date of the last review (AAAA-MM-JJ). */
  date: string;
  months: number;
}

export function monthsBefore(today: string, months: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/** Date of an entry's last review, and its collection's interval, when the collection has one. */
export function reviewOf(collection: Collection, data: object, months = collection.reviewMonths): Review | undefined {
  const date: unknown = collection.reviewField ? (data as Record<string, unknown>)[collection.reviewField] : undefined;
  return months !== undefined && typeof date === 'string' ? { date, months } : undefined;
}

/** True when a review is older than its interval on `today` (AAAA-MM-JJ). */
export function isOverdue(review: Review, today: string): boolean {
  return review.date < monthsBefore(today, review.months);
}

/** True when an entry is past its review interval: readers see « à vérifier ». */
export function needsReview(collection: Collection, data: object, today: string): boolean {
  const review = reviewOf(collection, data);
  return review !== undefined && isOverdue(review, today);
}
