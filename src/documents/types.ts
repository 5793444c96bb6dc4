// Data the templates are pure functions of. Every value arrives already decided and labelled by the
// services (reasons, classes, amounts, remedy wording); templates only lay it out.

/** YYYY-MM-DD */
export type IsoDate = string;
/** YYYY-MM */
export type IsoMonth = string;

/** 发文机关, 成文日期 and 文号 (numbering is assigned by the registry; absent on drafts). */
export type DocumentMeta = {
  issuer: string;
  issueDate: IsoDate;
  documentNumber?: string;
};

/** Both numbers the plan requires on every 公示 (三(三)): township civil-affairs office and county 低保 centre. */
export type SupervisionPhones = {
  township: string;
  county: string;
  /** Defaults "镇民政所" / "县低保中心"; a 乡 or 街道 office sets its own names. */
  townshipLabel?: string;
  countyLabel?: string;
};

/**
 * Whom a family calls about a decision: the township government that made it and the county government that hears
 * an administrative review (行政复议), printed as the notice's 附注 with the supervision numbers.
 */
export type NoticeContacts = {
  issuerPhone: string;
  reviewBody: string;
  reviewBodyPhone: string;
};

/** 《最低生活保障待遇不予批准通知书》 */
export type DenialNoticeData = DocumentMeta & {
  /** 户主 name, the addressee. */
  addressee: string;
  /** The case reviewed a family on the roll (在保户复核, 动态调整) rather than a new application. */
  reviewOfRecipient?: boolean;
  /** The day the family applied (or the review began): the application step of the case. */
  applicationDate: IsoDate;
  /** The day of the decision: the approval panel's meeting, or the township's confirmation of the 初审. */
  decisionDate: IsoDate;
  /** The grounds, worded by the domain rule (src/domain/notice-wording.ts) from the determination or the panel. */
  reasons: readonly string[];
  /** Legal basis text in force on the decision date (a dated setting). */
  legalBasis: string;
  /** Remedy wording in force on the decision date (a dated setting), the review body filled in. */
  remedies: string;
  contacts: NoticeContacts;
  supervisionPhones: SupervisionPhones;
};

/** 《最低生活保障金停发通知书》 */
export type StopNoticeData = DocumentMeta & {
  addressee: string;
  decisionDate: IsoDate;
  /** First month with no payment. */
  stopFromMonth: IsoMonth;
  /** The monthly amount paid until now, which stops, in yuan. */
  previousMonthlyAmount: number;
  reasons: readonly string[];
  legalBasis: string;
  remedies: string;
  contacts: NoticeContacts;
  supervisionPhones: SupervisionPhones;
};

export type PublicNoticeKind = 'evaluation' | 'approval' | 'long-term';
export type PublicNoticeDirection = 'addition' | 'exit';

/**
 * One line of a public sheet: ONLY the fields spec §9 allows. There is deliberately no field for an ID
 * number, address, income, illness, disability, phone or bank account, so none can be printed.
 */
export type PublicRow = {
  village: string;
  headName: string;
  householdSize: number;
  /** 保障类别 label, e.g. "困难家庭". */
  category: string;
  /** 人员类别 label, e.g. "A类1人、B类2人". */
  personClass: string;
  /** Persons covered (保障人数): the whole household of a 困难家庭, one person of a 低收入 or 因病支出型 household. */
  coveredPersons: number;
  monthlyAmount: number;
};

/** 公示 sheets: 评议结果公示, 审批结果公示, 长期公示. */
export type PublicNoticeData = DocumentMeta & {
  kind: PublicNoticeKind;
  direction: PublicNoticeDirection;
  /** Where it is posted and whose list it is, e.g. "清河镇东山村". */
  scope: string;
  /** The posting window; absent on a 长期公示, which has none (plan 三(四): the roll stays posted). */
  postingStart?: IsoDate;
  postingEnd?: IsoDate;
  /** The households of the list; on a 审批结果公示, this round's approvals (新增). */
  rows: readonly PublicRow[];
  /** 审批结果公示 only: this round's exits (退出/停发), listed apart from the approvals with the amount that stopped. */
  exits?: readonly PublicRow[];
  /** 审批结果公示: the approval meeting that decided the round, e.g. 「2026年3月19日镇审批会议」. */
  round?: string;
  supervisionPhones: SupervisionPhones;
};

/** A household member as printed on internal forms (full ID numbers allowed: these are not posted). */
export type MemberLine = {
  name: string;
  relation: string;
  sex: string;
  idNumber: string;
  /** e.g. "健康", "重病（尿毒症）", "肢体残疾二级" — already labelled. */
  health: string;
  laborCapacity: string;
  occupation?: string;
  /** 元/月 as declared or verified. */
  monthlyIncome?: number;
};

/** 附件2 人员信息汇总表: one line per person. */
export type PersonSummaryRow = {
  village: string;
  headName: string;
  name: string;
  relation: string;
  sex: string;
  idNumber: string;
  householdSize: number;
  /** 「健康」 or 「重病」 (the illness itself is not printed). */
  health: string;
  /** 残疾类别及等级, e.g. 「肢体残疾二级」, 「精神残疾一级（住院）」; empty when none. */
  disability: string;
  laborCapacity: string;
  /** 人员类别 of a covered member (「A类」); empty for a member not covered or not yet determined. */
  personClass: string;
  monthlyIncome: number;
  /**
   * 法定赡养（抚养、扶养）人 of the household, e.g. 「王大（儿子）」: printed on the household's first line only
   * (plan 三(二)第二步 asks for their information with the application).
   */
  supporters?: string;
  /** "新申请" or "现有低保户". */
  applicationType: string;
  note?: string;
};

/** Sign-off block of the village-level annexes (村书记 and 分片干部 sign, plan 三(二)第二步). */
export type VillageFormMeta = {
  township: string;
  village: string;
  preparedBy?: string;
  fillDate: IsoDate;
};

export type PersonSummaryData = VillageFormMeta & { rows: readonly PersonSummaryRow[] };

/** 附件3 备案登记表: one line per household, flagging relatives of cadres/staff (近亲属备案). */
export type FilingRow = {
  village: string;
  headName: string;
  headIdNumber: string;
  householdSize: number;
  category: string;
  personClass: string;
  monthlyAmount: number;
  /** Applicant is a close relative of a village-committee member or civil-affairs staff. */
  isStaffRelative: boolean;
  /** The related official's name, post, and how the applicant is related (spec §9): three columns. */
  officialName?: string;
  officialPost?: string;
  relation?: string;
  /**
   * Whether the home visit saw every member (the full visit a relative's case needs, spec §9); null while the
   * visit is not recorded.
   */
  fullHomeVisit: boolean | null;
  note?: string;
};

export type FilingRegisterData = VillageFormMeta & { rows: readonly FilingRow[] };

/** 附件4 不符合低保对象登记表. */
export type IneligibleRow = {
  village: string;
  headName: string;
  headIdNumber: string;
  householdSize: number;
  applicationDate: IsoDate;
  /** 家庭月人均收入 (元) of the determination that found the household ineligible; null when not computed. */
  perCapitaIncome: number | null;
  /** Short reason, already worded (first rule-trace line or a summary). */
  reason: string;
  noticeNumber?: string;
  noticeDate?: IsoDate;
  note?: string;
};

export type IneligibleRegisterData = VillageFormMeta & { rows: readonly IneligibleRow[] };

/** 《重点对象摸排表》 for one village or one cadre's area. */
export type ScreeningRow = {
  headName: string;
  householdSize: number;
  /** 重点类型 labels, e.g. "未脱贫户", "重病", "重残" (spec §8). */
  focusTypes: readonly string[];
  situation: string;
  isCurrentRecipient: boolean;
  /** "拟申请", "拟退出", "维持" — the cadre's proposal, already worded. */
  proposal: string;
  note?: string;
};

export type ScreeningSheetData = {
  township: string;
  village: string;
  /** 片区 / 村民小组 covered by this sheet. */
  area: string;
  cadreName: string;
  fillDate: IsoDate;
  rows: readonly ScreeningRow[];
  /** Empty rows added for households found on the walk. */
  blankRows?: number;
};

/** 入户调查表. */
export type HomeVisitData = {
  township: string;
  village: string;
  headName: string;
  address: string;
  phone?: string;
  /** "新申请" or "复核（现有低保户）". */
  visitType: string;
  members: readonly MemberLine[];
  /** Investigator names when known ahead; signature lines are printed for at least two regardless. */
  investigators?: readonly string[];
  visitDate?: IsoDate;
  /** Ruled lines per findings section. */
  findingLines?: number;
};

/** 家庭经济状况核对授权书. */
export type AuthorizationData = {
  township: string;
  village: string;
  /** 县民政局 name: the body authorised to query (plan 三(二)第三步). */
  verifyingAuthority: string;
  /** Its phone, for a family that wants to ask what is queried. */
  verifyingAuthorityPhone?: string;
  headName: string;
  members: readonly MemberLine[];
  signDate?: IsoDate;
};

/** 申请声明书. */
export type DeclarationData = {
  township: string;
  village: string;
  applicantName: string;
  applicantIdNumber: string;
  address: string;
  householdSize: number;
  /** Free text of the applicant's stated hardship, already worded. */
  hardship: string;
  signDate?: IsoDate;
};

export type MeetingKind = 'hearing' | 'review' | 'approval';

export type Attendee = { name: string; role: string };

/** One decided household on a meeting record. */
export type MeetingDecisionRow = {
  village: string;
  headName: string;
  householdSize: number;
  category: string;
  personClass: string;
  monthlyAmount: number;
  /** "通过", "不通过", "暂缓（重新调查）" — as decided. */
  result: string;
  /** e.g. "同意12票，不同意0票". */
  votes?: string;
  note?: string;
};

/** 评议听证会记录 / 审核会议记录 / 审批会议记录. */
export type MeetingRecordData = {
  kind: MeetingKind;
  township: string;
  /** Village for hearing/review meetings; omitted for the township approval meeting. */
  village?: string;
  date: IsoDate;
  time?: string;
  place: string;
  host: string;
  recorder: string;
  attendees: readonly Attendee[];
  absentees?: readonly string[];
  /** Minutes, one paragraph per entry. */
  proceedings: readonly string[];
  decisions: readonly MeetingDecisionRow[];
};
