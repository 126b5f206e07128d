import { Box, H1, Message } from '@bigcommerce/big-design';

/**
 * Shown instead of the app when it has no session: the page was reloaded (the session is never stored),
 * the session could not be renewed, or the store was uninstalled or the user removed.
 */
export function SessionEnded() {
  return (
    <Box padding="xxLarge" style={{ maxWidth: 640, margin: '0 auto' }}>
      <main>
        <H1>Open Backorder again</H1>
        <Message
          type="warning"
          header="Your session has ended"
          messages={[
            {
              text: 'For your security Backorder keeps your session only while the app is open. Open Backorder again from the Apps page of your BigCommerce control panel.',
            },
          ]}
        />
      </main>
    </Box>
  );
}
