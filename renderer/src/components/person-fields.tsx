import { Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import {
  DISABILITY_TYPE_LABELS,
  DISABILITY_TYPES,
  LABOR_CAPACITIES,
  LABOR_CAPACITY_LABELS,
  RELATIONS,
  personFieldsSchema,
  type DisabilityType,
} from '../../../src/contract';
import { MENTAL_HOSPITALIZED_NEEDS_MENTAL, isMentalHospitalizedConsistent } from '../../../src/domain/determination-types';
import { zodRule } from './form-rules';

const s = personFieldsSchema.shape;

const FLAGS: { name: string; label: string }[] = [
  { name: 'seriousIllness', label: '重病（正在治疗，个人负担医疗费用较大）' },
  { name: 'severeDisabilityNoSelfCare', label: '重残（生活不能自理且无收入来源）' },
  { name: 'mentalHospitalized', label: '精神残疾正在住院治疗' },
  { name: 'threeNo', label: '三无人员' },
  { name: 'hiv', label: '艾滋病患者、感染者或艾滋病孤儿' },
  { name: 'collegeStudent', label: '在校大学生' },
  { name: 'priorityCare', label: '重点优抚对象' },
];

export const EMPTY_PERSON = {
  monthlyIncome: 0,
  laborCapacity: 'full',
  disabilityType: null,
  disabilityLevel: null,
  ...Object.fromEntries(FLAGS.map((f) => [f.name, false])),
};

/** The member fields; `prefix` nests them (e.g. ['head'] in the new-household form). */
export function PersonFields({ prefix = [], lockRelation }: { prefix?: string[]; lockRelation?: boolean }) {
  const n = (name: string) => [...prefix, name];
  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item label="姓名" name={n('name')} rules={[zodRule(s.name)]} validateFirst>
            <Input placeholder="与身份证一致" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item label="身份证号码" name={n('idNumber')} rules={[zodRule(s.idNumber)]} validateFirst>
            <Input placeholder="18位（15位旧号码将自动转换）" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="与户主关系" name={n('relation')} rules={[zodRule(s.relation)]}>
            <Select disabled={lockRelation} options={RELATIONS.map((r) => ({ value: r, label: r }))} placeholder="请选择" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item label="月收入（元）" name={n('monthlyIncome')} rules={[zodRule(s.monthlyIncome)]}>
            <InputNumber precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="劳动能力" name={n('laborCapacity')}>
            <Select options={LABOR_CAPACITIES.map((v) => ({ value: v, label: LABOR_CAPACITY_LABELS[v] }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="残疾类别" name={n('disabilityType')}>
            <Select
              allowClear
              placeholder="无"
              options={DISABILITY_TYPES.map((v) => ({ value: v, label: DISABILITY_TYPE_LABELS[v] }))}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="残疾等级" name={n('disabilityLevel')}>
            <Select allowClear placeholder="无" options={[1, 2, 3, 4].map((v) => ({ value: v, label: `${'一二三四'[v - 1]}级` }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={[16, 0]}>
        {FLAGS.map((f) => (
          <Col span={12} key={f.name}>
            {f.name === 'mentalHospitalized' ? (
              // The contract's cross-field rule (spec §10 settled points), checked again when the type changes.
              <Form.Item
                name={n(f.name)}
                valuePropName="checked"
                style={{ marginBottom: 4 }}
                dependencies={[n('disabilityType')]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_rule, checked: unknown) => {
                      const consistent = isMentalHospitalizedConsistent({
                        mentalHospitalized: checked === true,
                        disabilityType: (getFieldValue(n('disabilityType')) as DisabilityType | undefined) ?? null,
                      });
                      if (!consistent) throw new Error(MENTAL_HOSPITALIZED_NEEDS_MENTAL);
                    },
                  }),
                ]}
              >
                <Checkbox>{f.label}</Checkbox>
              </Form.Item>
            ) : (
              <Form.Item name={n(f.name)} valuePropName="checked" style={{ marginBottom: 4 }}>
                <Checkbox>{f.label}</Checkbox>
              </Form.Item>
            )}
          </Col>
        ))}
      </Row>
      <Form.Item label="备注" name={n('note')} style={{ marginTop: 8 }}>
        <Input />
      </Form.Item>
    </>
  );
}
