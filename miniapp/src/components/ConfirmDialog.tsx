import { View } from '@tarojs/components';
import { Dialog } from '@nutui/nutui-react-taro';
import { Btn } from './Btn';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmText: string;
  cancelText?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * NutUI's Dialog with our own footer: its buttons are 32 px and side by side, ours are 60 px and
 * stacked, the answer first. A tap on the mask does nothing, so the question stays on screen until
 * answered. NutUI sets no dialog role, so the wrapper says what this is to screen readers.
 */
export function ConfirmDialog({ open, title, message, confirmText, cancelText = '取消', onConfirm, onCancel }: ConfirmDialogProps) {
  if (!open) return null;
  return (
    <View role="dialog" aria-modal aria-label={title}>
      <Dialog
        className="lx-dialog"
        overlayClassName="nut-dialog-overlay lx-dialog-overlay"
        visible
        title={title}
        closeOnOverlayClick={false}
        footerDirection="vertical"
        footer={
          <View className="stack lx-dialog__actions">
            <Btn onClick={onConfirm}>{confirmText}</Btn>
            <Btn kind="secondary" onClick={onCancel}>
              {cancelText}
            </Btn>
          </View>
        }
        onClose={onCancel}
      >
        <View className="lx-dialog__text">{message}</View>
      </Dialog>
    </View>
  );
}
