import { App as AntApp, ConfigProvider } from 'antd';
// Under Vite 8 with "type": "module", 'antd/locale/zh_CN' resolves to a CommonJS build whose default export is
// wrapped, and antd silently falls back to English; the ES build is the one that works (proved by an e2e test).
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionGate } from './session-gate';
import { Shell } from './shell';

dayjs.locale('zh-cn');

// Honour the system's "reduce motion" setting (an accessibility preference; the e2e tests run with it too, so that a
// click never lands on a dialog that is still zooming in).
const motion = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4, motion } }}>
      <AntApp>
        <SessionGate>
          <Shell />
        </SessionGate>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
