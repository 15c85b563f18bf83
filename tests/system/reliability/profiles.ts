/** How big the reliability scenarios are: quick in `npm test`, the figures or more in `npm run soak`. */
export interface Profile {
  failureRate: number;
  students: number;
  turns: number;
}

export const QUICK: Profile = { failureRate: 0.3, students: 10, turns: 40 };

export const SOAK: Profile = {
  failureRate: 0.3,
  students: Number(process.env.SOAK_STUDENTS ?? 50),
  turns: Number(process.env.SOAK_TURNS ?? 200),
};
