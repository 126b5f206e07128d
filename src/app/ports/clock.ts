/** Where shell code gets the time, so tests can fix it. The core never asks: it is given `now`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
