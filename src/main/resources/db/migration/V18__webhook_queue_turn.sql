-- When the dispatcher last took this subscription's turn at queueing ('-infinity': never). Each round queues a
-- bounded number of customers, and of subscriptions per customer; taking those whose turn is oldest first (for a
-- customer, the oldest turn among its queueable subscriptions) makes every round move on to the ones the last
-- rounds did not reach. Ordered by id alone, as before, customers beyond the first batch starved while the first
-- ones stayed queueable. Kept in the row, so any instance continues the rotation.
ALTER TABLE webhook ADD COLUMN queued_at timestamptz NOT NULL DEFAULT '-infinity';
