/**
 * Running sums of one queue's calls that arrived in one interval. Times are milliseconds;
 * a bucket is bounded (fixed fields) however many calls it holds.
 */
export class QueueBucket {
  offered = 0;
  answered = 0;
  abandoned = 0;
  shortAbandoned = 0;
  flowedOut = 0;
  answeredInSL = 0;
  abandonedInSL = 0;
  waitMsAnswered = 0;
  maxWaitMs = 0;
  handled = 0;
  talkMs = 0;
  holdMs = 0;
  acwMs = 0;

  /** Adds another bucket's sums into this one (a day is the sum of its intervals). */
  add(o: QueueBucket): void {
    this.offered += o.offered;
    this.answered += o.answered;
    this.abandoned += o.abandoned;
    this.shortAbandoned += o.shortAbandoned;
    this.flowedOut += o.flowedOut;
    this.answeredInSL += o.answeredInSL;
    this.abandonedInSL += o.abandonedInSL;
    this.waitMsAnswered += o.waitMsAnswered;
    if (o.maxWaitMs > this.maxWaitMs) this.maxWaitMs = o.maxWaitMs;
    this.handled += o.handled;
    this.talkMs += o.talkMs;
    this.holdMs += o.holdMs;
    this.acwMs += o.acwMs;
  }
}
