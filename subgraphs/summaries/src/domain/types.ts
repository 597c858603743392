/** GraphQL `SummaryStatus`: a summary is PENDING from its request until its job stores READY or FAILED. */
export type SummaryStatus = 'PENDING' | 'READY' | 'FAILED';

/** What a summary is made from: the text sent with `requestSummary`, or the book's description. */
export type SummarySource = 'CONTENT' | 'DESCRIPTION';
