import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { importKindLabels, type ImportContentType, type ImportKind, type ImportReport } from '@domain';
import { importsApi } from '../../../api/imports';
import { ApiFailure } from '../../../api/errors';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { handleFailure } from '../../../lib/remote';
import { saveFile } from '../save-file';
import './index.scss';

interface Chosen {
  path: string;
  name: string;
  size: number;
}

const contentTypeOf = (name: string): ImportContentType | undefined =>
  name.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : name.toLowerCase().endsWith('.csv') ? 'text/csv' : undefined;

/** A spreadsheet from the phone: the file picker on H5, a file from a WeChat chat on weapp. */
function pickFile(): Promise<Chosen | undefined> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.xlsx,.csv';
      input.onchange = () => {
        const f = input.files?.[0];
        resolve(f ? { path: URL.createObjectURL(f), name: f.name, size: f.size } : undefined);
      };
      input.click();
    });
  }
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] }).then((r) => r.tempFiles[0] && { path: r.tempFiles[0].path, name: r.tempFiles[0].name, size: r.tempFiles[0].size });
}

async function uploadAndImport(kind: ImportKind, file: Chosen, onProgress: (r: ImportReport) => void): Promise<ImportReport> {
  const contentType = contentTypeOf(file.name);
  if (!contentType) throw new ApiFailure('http', 400, '只能导入 Excel（.xlsx）或 CSV 文件');
  const ticket = await importsApi.presign({ contentType, size: file.size });
  const up = await Taro.uploadFile({ url: ticket.url, filePath: file.path, name: 'file', formData: ticket.fields, withCredentials: false });
  if (up.statusCode < 200 || up.statusCode >= 300) throw new ApiFailure('http', up.statusCode, '文件上传没有成功，请再试一次');
  let report = await importsApi.run(kind, ticket.key);
  let created = 0;
  // A large file is written over several calls; each goes on where the last stopped.
  for (let i = 0; report.outcome === 'partial' && i < 50; i++) {
    created += report.created;
    onProgress({ ...report, created });
    report = await importsApi.run(kind, ticket.key);
  }
  return { ...report, created: created + report.created };
}

function Report({ r }: { r: ImportReport }) {
  if (r.outcome === 'rejected') {
    return (
      <View className="card" data-testid="import-report">
        <View className="h2">没有导入：发现 {r.problems.length} 处问题</View>
        <View className="text mb">整个文件都没有写入。请改正下面这些行后，重新导入整个文件。</View>
        {r.problems.map((p, i) => (
          <View className="problem" key={i}>
            <View className="text-lg">
              {p.row === 1 ? '表头' : `第 ${p.row} 行`}
              {p.column ? ` · ${p.column}` : ''}
            </View>
            <View className="text">{p.reason}</View>
          </View>
        ))}
      </View>
    );
  }
  return (
    <View className="card" data-testid="import-report">
      <View className="h2">{r.outcome === 'applied' ? '导入完成' : `正在导入，还剩 ${r.remaining} ${r.kind === 'families' ? '户' : '人'}…`}</View>
      <View className="text">
        文件共 {r.rows} 行：{r.kind === 'families' ? `${r.families} 户家庭、${r.persons} 位成员` : `${r.persons} 位联系人`}。
      </View>
      <View className="text">
        新写入 {r.created} {r.kind === 'families' ? '户' : '人'}，已在册未改动 {r.unchanged} {r.kind === 'families' ? '户' : '人'}。
      </View>
    </View>
  );
}

/** Commission staff load the register (families and members, or contact persons) from a spreadsheet. */
export default function ImportPage() {
  const [kind, setKind] = useState<ImportKind>('families');
  const [busy, setBusy] = useState<'template' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  const template = async () => {
    setBusy('template');
    setError(null);
    try {
      await saveFile(await importsApi.template(kind));
    } catch (err) {
      setError(handleFailure(err));
    } finally {
      setBusy(null);
    }
  };
  const choose = async () => {
    setError(null);
    const file = await pickFile().catch(() => undefined);
    if (!file) return;
    setBusy('import');
    setReport(null);
    try {
      setReport(await uploadAndImport(kind, file, setReport));
    } catch (err) {
      setError(handleFailure(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="page">
      <View className="h1">导入花名册</View>
      <View className="text mb">按模板填好 Excel 或 CSV 文件后导入。整个文件要么全部导入，要么一行都不导入：有错的行会逐条列出。同一个文件再导入一次，不会重复。</View>
      <RadioChoices
        label="导入什么"
        value={kind}
        onChange={(v) => {
          setKind(v);
          setReport(null);
        }}
        options={(['families', 'staff'] as const).map((k) => ({ value: k, label: importKindLabels[k] }))}
      />
      <Btn kind="secondary" icon="arrowRight" busy={busy === 'template'} busyText="正在生成…" onClick={template}>
        下载{importKindLabels[kind]}模板
      </Btn>
      {error ? (
        <Notice tone="error" icon="tips">
          {error}
        </Notice>
      ) : null}
      {report ? <Report r={report} /> : null}
      <Btn big icon="arrowRight" busy={busy === 'import'} busyText="正在检查和导入…" onClick={choose}>
        选择文件并导入
      </Btn>
    </View>
  );
}
