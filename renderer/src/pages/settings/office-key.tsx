import { Card, Descriptions, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OfficeKeyInfo } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';

const formatDate = (iso: string) => new Date(iso).toLocaleDateString('zh-CN');

/** 本所签名密钥: read-only. The county checks packages against this fingerprint; it moves with the backups. */
export function OfficeKeyCard() {
  const [key, setKey] = useState<OfficeKeyInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void request('office-key-get', {}).then(setKey, (err: unknown) => setError(errorMessage(err)));
  }, []);
  return (
    <Card size="small" title="本所签名密钥" loading={!key && !error} style={{ maxWidth: 720, marginTop: 16 }} data-testid="office-key">
      {error ? (
        <Typography.Text type="danger">{error}</Typography.Text>
      ) : (
        key && (
          <>
            <Descriptions size="small" column={1} bordered labelStyle={{ whiteSpace: 'nowrap', width: 110 }}>
              <Descriptions.Item label="密钥指纹">
                {/* Two lines of eight groups, as printed on the 备案报送单. */}
                <Typography.Text code copyable={{ text: key.fingerprint }} style={{ fontSize: 14, lineHeight: 1.9 }} data-testid="office-key-fingerprint">
                  {key.fingerprintGrouped.slice(0, 39)}
                  <br />
                  {key.fingerprintGrouped.slice(40)}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="算法">Ed25519（SHA-256 指纹）</Descriptions.Item>
              <Descriptions.Item label="生成日期">{formatDate(key.createdAt)}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>
              本所生成的每个备案包和每份备份都用此密钥签名，备案报送单上印有这一指纹。县民政局核验备案包时，可把指纹填入「签名密钥指纹」（或命令行 --key），由其他密钥签名的备案包将核验不通过。密钥保存在本所数据库中，随备份迁移到新电脑，不能更改。
            </Typography.Paragraph>
          </>
        )
      )}
    </Card>
  );
}
