import { Progress, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';

export { columnLetter } from '../../../../src/domain/screening';

/** The file's bytes as base64 (FileReader: works the same under Electron and the browser host). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error('无法读取该文件'));
    reader.readAsDataURL(file);
  });
}

/** A large list takes seconds to read and check: say what is happening and for how long. */
export function BusyNote({ what, since }: { what: string; since: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  const seconds = (now - since) / 1000;
  // No real progress is reported by one request: an easing bar that never claims to be done.
  const percent = Math.min(95, Math.round(100 * (1 - Math.exp(-seconds / 4))));
  return (
    <div role="status" style={{ padding: '40px 0', textAlign: 'center' }}>
      <Space direction="vertical" size={16} style={{ width: 420 }}>
        <Spin size="large" />
        <Typography.Text>{what}</Typography.Text>
        <Progress percent={percent} status="active" showInfo={false} />
        <Typography.Text type="secondary">已用时 {seconds.toFixed(0)} 秒（五万行的名单约需数秒）</Typography.Text>
      </Space>
    </div>
  );
}
