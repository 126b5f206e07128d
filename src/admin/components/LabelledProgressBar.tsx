import { Box, ProgressBar } from '@bigcommerce/big-design';
import { useEffect, useRef } from 'react';

/**
 * BigDesign's ProgressBar (5.0.0) takes no label: its progressbar is named by the element `labelledBy`
 * (the heading above it). Without `percent` it is indeterminate.
 */
export function LabelledProgressBar(props: {
  readonly percent: number | undefined;
  readonly labelledBy: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector('[role="progressbar"]')?.setAttribute('aria-labelledby', props.labelledBy);
  });
  return (
    <Box marginTop="small" ref={box}>
      <ProgressBar {...(props.percent === undefined ? {} : { percent: props.percent })} />
    </Box>
  );
}
