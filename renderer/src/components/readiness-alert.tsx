import { Alert } from 'antd';

/** What still stops a step, as a list, or the all-clear once nothing does. */
export function ReadinessAlert({ missing, pendingTitle, readyText }: { missing: string[]; pendingTitle: string; readyText: string }) {
  if (missing.length === 0) return <Alert type="success" showIcon message={readyText} />;
  return (
    <Alert
      type="warning"
      showIcon
      message={pendingTitle}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      }
    />
  );
}
