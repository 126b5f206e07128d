import { Box } from '@bigcommerce/big-design';
import { PageHeader } from '../../components/PageHeader.js';
import { Loaded } from '../../components/states.js';
import { ApiKeysPanel } from './ApiKeysPanel.js';
import { NotificationsPanel } from './NotificationsPanel.js';
import { OrdersAndStockPanel } from './OrdersAndStockPanel.js';
import { StockAtCheckoutPanel } from './StockAtCheckoutPanel.js';
import { StorefrontTextsPanel } from './StorefrontTextsPanel.js';
import { SwitchConditionPanel } from './SwitchConditionPanel.js';
import { useSettings } from './settings-api.js';

/** Settings (user guide step 1 and the store-wide choices), each panel saved on its own. */
export function SettingsScreen() {
  const settings = useSettings();
  return (
    <>
      <PageHeader
        title="Settings"
        description="When products switch to backorder, who is told, how stock is held at checkout, and which systems may use the Backorder API."
      />
      <Loaded query={settings} loading="Loading settings…">
        {(s) => (
          <Box>
            <SwitchConditionPanel settings={s} />
            <StorefrontTextsPanel />
            <NotificationsPanel settings={s} />
            <OrdersAndStockPanel settings={s} />
            <StockAtCheckoutPanel settings={s} />
            <ApiKeysPanel />
          </Box>
        )}
      </Loaded>
    </>
  );
}
