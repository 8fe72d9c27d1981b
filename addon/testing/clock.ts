// The fake clock: Date inside the add-on's realm reads it; Utilities.sleep and UrlFetchApp advance it.
export class FakeClock {
  private ms: number;

  constructor(start: Date | number = Date.UTC(2024, 0, 15, 9, 30, 0)) {
    this.ms = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.ms;
  }

  date(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`clock.advance needs ms >= 0, got ${ms}`);
    this.ms += ms;
  }

  set(to: Date | number): void {
    this.ms = typeof to === 'number' ? to : to.getTime();
  }
}
