/** How figures leave the analysis: money in whole units, hours and minutes to a tenth (small savings to a hundredth), shares to a thousandth. */

export function money(x: number): number {
  return Math.round(x);
}

export function tenth(x: number): number {
  return Math.round(x * 10) / 10;
}

export function hundredth(x: number): number {
  return Math.round(x * 100) / 100;
}

export function share(x: number): number {
  return Math.round(x * 1000) / 1000;
}
