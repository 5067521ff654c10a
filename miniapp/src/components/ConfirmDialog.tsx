import { View } from '@tarojs/components';
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
 * Our own dialog rather than the system modal: the same large type and 60 px buttons on WeChat and
 * H5, and the question stays on screen until answered.
 */
export function ConfirmDialog({ open, title, message, confirmText, cancelText = '取消', onConfirm, onCancel }: ConfirmDialogProps) {
  if (!open) return null;
  return (
    <View className="dialog-mask" catchMove>
      <View className="dialog" role="dialog" aria-modal aria-label={title}>
        <View className="dialog__title">{title}</View>
        <View className="dialog__text">{message}</View>
        <View className="stack">
          <Btn onClick={onConfirm}>{confirmText}</Btn>
          <Btn kind="secondary" onClick={onCancel}>
            {cancelText}
          </Btn>
        </View>
      </View>
    </View>
  );
}
