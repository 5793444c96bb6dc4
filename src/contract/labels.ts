// Chinese labels of the enumerations, shared by the UI and the documents.

export const RELATIONS = ['户主', '配偶', '子女', '儿媳', '女婿', '父母', '孙子女', '兄弟姐妹', '祖父母', '其他'] as const;
export type Relation = (typeof RELATIONS)[number];

export const DISABILITY_TYPES = ['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple'] as const;
export type DisabilityType = (typeof DISABILITY_TYPES)[number];
export const DISABILITY_TYPE_LABELS: Record<DisabilityType, string> = {
  physical: '肢体残疾',
  visual: '视力残疾',
  hearing: '听力残疾',
  speech: '言语残疾',
  intellectual: '智力残疾',
  mental: '精神残疾',
  multiple: '多重残疾',
};

/** 肢体残疾二级; 「无残疾」 when no category is recorded. */
export function disabilityFactsLabel(type: DisabilityType | null, level: number | null): string {
  if (type === null || level === null) return '无残疾';
  return `${DISABILITY_TYPE_LABELS[type]}${'一二三四'[level - 1] ?? level}级`;
}

export const LABOR_CAPACITIES = ['full', 'partial', 'none'] as const;
export type LaborCapacity = (typeof LABOR_CAPACITIES)[number];
export const LABOR_CAPACITY_LABELS: Record<LaborCapacity, string> = {
  full: '有劳动能力',
  partial: '部分丧失劳动能力',
  none: '完全丧失劳动能力',
};

export const HOUSEHOLD_STATUSES = ['registered', 'applicant', 'recipient', 'stopped'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];
export const HOUSEHOLD_STATUS_LABELS: Record<HouseholdStatus, string> = {
  registered: '登记户',
  applicant: '申请中',
  recipient: '在保户',
  stopped: '已停保',
};

export const VILLAGE_KINDS = ['village', 'community'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];
export const VILLAGE_KIND_LABELS: Record<VillageKind, string> = { village: '村', community: '社区' };

export const SEX_LABELS = { male: '男', female: '女' } as const;
