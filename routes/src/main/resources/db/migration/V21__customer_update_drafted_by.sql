-- Who wrote a customer update's text: the templates, or another drafter such as a language model, whose text
-- replaces the template's while the draft is unsent. Earlier drafts were all the templates'.
ALTER TABLE customer_update ADD COLUMN drafted_by VARCHAR(200);
UPDATE customer_update SET drafted_by = 'templates';
