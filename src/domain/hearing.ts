// The pass rule of the village-group evaluation hearing (评议听证, plan 三(三)). Pure.
//
// Each household has one vote (每户一名代表参会). An absent household consulted by telephone (外出户电话征求意见)
// counts as the vote it gave on the phone, exactly like a representative in the room; township cadres and
// investigators attend but do not vote. A case passes when its agree votes are MORE than `passPercent` % of all
// votes cast (agree + disagree + abstain, room and telephone together): with the default 50 that is a simple
// majority of the votes cast, a tie fails, and abstentions count against (they are cast but not in favour).

export type VoteCounts = { agree: number; disagree: number; abstain: number };

export const votesCast = (v: VoteCounts): number => v.agree + v.disagree + v.abstain;

export function hearingPasses(votes: VoteCounts, passPercent: number): boolean {
  const cast = votesCast(votes);
  return cast > 0 && votes.agree * 100 > passPercent * cast;
}

/** The rule in words, for the meeting record and the settings screen. */
export function passRuleText(passPercent: number): string {
  return passPercent === 50
    ? '同意票超过所投票数（含电话征求意见的外出户）的半数为通过，同意票恰为半数的不通过'
    : `同意票超过所投票数（含电话征求意见的外出户）的${passPercent}%为通过`;
}

export function votesText(room: VoteCounts, phone: VoteCounts): string {
  const all = { agree: room.agree + phone.agree, disagree: room.disagree + phone.disagree, abstain: room.abstain + phone.abstain };
  const phoneCast = votesCast(phone);
  return `同意${all.agree}票，不同意${all.disagree}票，弃权${all.abstain}票${phoneCast > 0 ? `（含电话征求意见${phoneCast}户）` : ''}`;
}
