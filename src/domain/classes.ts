// Person classes A / B / C (spec §4, 方案二(三)). First class with any matching criterion wins.
import { DISABILITY_TYPE_LABELS } from '../contract/labels';
import { ageOn, parseIdNumber } from './id-number';
import { isIsoDate } from './iso-date';
import type { Category, MemberFacts } from './determination-types';
import type { PersonClass } from './policy';

export type AgeResult =
  | { ok: true; age: number; source: 'birthDate' | 'idNumber' }
  | { ok: false; field: 'birthDate' | 'idNumber'; message: string };

/**
 * Age on the evaluation date: from birthDate, else from the ID number (spec §4). Undeterminable age is an
 * input error, never a silent class C.
 */
export function resolveAge(m: Pick<MemberFacts, 'birthDate' | 'idNumber'>, evaluationDate: string): AgeResult {
  if (m.birthDate !== null && m.birthDate !== '') {
    if (!isIsoDate(m.birthDate)) return { ok: false, field: 'birthDate', message: '出生日期无效（应为YYYY-MM-DD）' };
    if (m.birthDate > evaluationDate) return { ok: false, field: 'birthDate', message: '出生日期晚于测算日期' };
    return { ok: true, age: ageOn(m.birthDate, evaluationDate), source: 'birthDate' };
  }
  if (m.idNumber === null || m.idNumber.trim() === '') {
    return { ok: false, field: 'birthDate', message: '无法确定年龄：未填写出生日期，也未填写身份证号码' };
  }
  const parsed = parseIdNumber(m.idNumber, evaluationDate);
  if (!parsed.ok) {
    const why = parsed.error === '出生日期晚于今天' ? '出生日期晚于测算日期' : parsed.error;
    return { ok: false, field: 'idNumber', message: `无法确定年龄：${why}` };
  }
  return { ok: true, age: ageOn(parsed.value.birthDate, evaluationDate), source: 'idNumber' };
}

export type ClassResult = { class: PersonClass; criteria: string[] };

function disabilityLabel(m: MemberFacts): string {
  const type = m.disabilityType ? DISABILITY_TYPE_LABELS[m.disabilityType] : '残疾';
  return `${type}${m.disabilityLevel}级`;
}

/**
 * Class of a covered person. `category` matters because the covered person of a 低收入 or 因病支出型
 * household is A by 方案二(三)A类3.
 */
export function classify(m: MemberFacts, age: number, category: Category): ClassResult {
  const level = m.disabilityLevel;
  const a: string[] = [];
  if (m.threeNo) a.push('三无人员');
  if (level === 1 || level === 2) a.push(`二级以上残疾（${disabilityLabel(m)}）`);
  if (m.mentalHospitalized) a.push('精神残疾正在住院治疗');
  if (m.laborCapacity === 'none') a.push('完全丧失劳动能力');
  // Only mental and intellectual level-3 disability is A (方案二(三)A类2 "三级精神、智力残疾"); other
  // level-3 types, 'multiple' included, fall to B as 三级以下残疾人.
  if (level === 3 && (m.disabilityType === 'mental' || m.disabilityType === 'intellectual')) {
    a.push(`三级精神、智力残疾（${disabilityLabel(m)}）`);
  }
  if (m.seriousIllness) a.push('患重病或重症慢性病');
  if (category === 'low-income') a.push('低收入家庭中的重病、重残人员');
  if (category === 'medical-expense') a.push('因病支出型家庭中的病人');
  if (m.hiv) a.push('艾滋病患者、感染者或艾滋病孤儿');
  if (a.length > 0) return { class: 'A', criteria: a };

  const b: string[] = [];
  if (age >= 60) b.push(`年满60周岁（${age}岁）`);
  if (age < 18) b.push(`未满18周岁（${age}岁）`);
  if (m.collegeStudent) b.push('上大学子女');
  if (level === 3 || level === 4) b.push(`三级以下残疾（${disabilityLabel(m)}）`);
  if (m.priorityCare) b.push('重点优抚对象');
  if (b.length > 0) return { class: 'B', criteria: b };

  return { class: 'C', criteria: ['不属于A、B类情形'] };
}

/** "张某：年满60周岁（68岁），B类（方案二(三)）" */
export function classSentence(name: string, r: ClassResult): string {
  return `${name}：${r.criteria.join('、')}，${r.class}类（方案二(三)）`;
}
