<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssignDialog</name>
    <message>
        <source>Import arrays — {file}</source>
        <translation>导入数组 — {file}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; holds 1 array. Choose which becomes each tensor of &lt;b&gt;{loss}&lt;/b&gt;; a new &lt;i&gt;{first}&lt;/i&gt; sets the batch size N (and C).</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; 含有 1 个数组。请为 &lt;b&gt;{loss}&lt;/b&gt; 的每个张量选择对应的数组；新的 &lt;i&gt;{first}&lt;/i&gt; 决定批大小 N（以及 C）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; holds {count} arrays. Choose which becomes each tensor of &lt;b&gt;{loss}&lt;/b&gt;; a new &lt;i&gt;{first}&lt;/i&gt; sets the batch size N (and C).</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; 含有 {count} 个数组。请为 &lt;b&gt;{loss}&lt;/b&gt; 的每个张量选择对应的数组；新的 &lt;i&gt;{first}&lt;/i&gt; 决定批大小 N（以及 C）。</translation>
    </message>
    <message>
        <source>— keep current —</source>
        <translation>— 保持当前 —</translation>
    </message>
    <message>
        <source>Shape torch accepts: {shape}</source>
        <translation>torch 接受的形状：{shape}</translation>
    </message>
    <message>
        <source>now {shape}</source>
        <translation>当前 {shape}</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Choose at least one array.</source>
        <translation>请至少选择一个数组。</translation>
    </message>
    <message>
        <source>✓ After the import: N = {rows}, C = {columns}; {shapes}.</source>
        <translation>✓ 导入后：N = {rows}，C = {columns}；{shapes}。</translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <source>Autosave is off for this session of {values} values (autosave stops at {limit} to keep the window responsive); save it with Ctrl+S</source>
        <extracomment>Larger documents are not autosaved: their container takes more than about 100 ms to write (10,000,000 float64 values: about 85 ms as measured), which would stall the window a few seconds after every edit. Their data comes from files that can be imported again; the status bar says so once. The autosave file&apos;s extension (the binary container&apos;s). Extensions of autosave files recovered: containers, and the JSON files earlier lossgui versions wrote. Windows given an autosave file so far in this process (one file each).</extracomment>
        <translation>此会话有 {values} 个值，已关闭自动保存（超过 {limit} 个值即不自动保存，以免窗口卡顿）；请用 Ctrl+S 保存</translation>
    </message>
    <message>
        <source>Autosave failed: {error}</source>
        <translation>自动保存失败：{error}</translation>
    </message>
    <message>
        <source>Recovered unsaved changes from {time}: lossgui did not exit cleanly last time. Save them with Ctrl+S.</source>
        <translation>已恢复 {time} 的未保存更改：lossgui 上次未正常退出。请用 Ctrl+S 保存。</translation>
    </message>
    <message>
        <source>Recovered unsaved changes: lossgui did not exit cleanly last time. Save them with Ctrl+S.</source>
        <translation>已恢复未保存的更改：lossgui 上次未正常退出。请用 Ctrl+S 保存。</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Hardest samples</source>
        <translation>最难样本</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Arrays from file…</source>
        <translation>从文件导入数组(&amp;A)…</translation>
    </message>
    <message>
        <source>Paste as &amp;tensor…</source>
        <translation>粘贴为张量(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>One row per input element (value, target, loss, gradient) plus a JSON summary of the loss, its parameters and the reduced value.</source>
        <translation>每个输入元素一行（值、目标、损失、梯度），另附一个 JSON 摘要，记录损失函数、其参数和归约后的值。</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>(no recent sessions)</source>
        <translation>（没有最近的会话）</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <source>Sample {sample} selected</source>
        <translation>已选中样本 {sample}</translation>
    </message>
</context>
<context>
    <name>FileExport</name>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <extracomment>English; shown translated (the patterns stay).</extracomment>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>There is nothing to export: torch refuses the current input.</source>
        <translation>没有可导出的内容：torch 拒绝了当前输入。</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation>导出已取消，未写入任何内容</translation>
    </message>
    <message>
        <source>Cannot export CSV</source>
        <translation>无法导出 CSV</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; could not be written: {reason}.&lt;br&gt;&lt;br&gt;Nothing was written.</source>
        <translation>无法写入 &lt;b&gt;{file}&lt;/b&gt;：{reason}。&lt;br&gt;&lt;br&gt;未写入任何内容。</translation>
    </message>
    <message>
        <source>Cannot export {file}: {reason}</source>
        <translation>无法导出 {file}：{reason}</translation>
    </message>
    <message>
        <source>Exported {rows} rows to {file} (summary in {summary})</source>
        <translation>已将 {rows} 行导出到 {file}（摘要见 {summary}）</translation>
    </message>
</context>
<context>
    <name>GettingStartedDialog</name>
    <message>
        <source>&lt;h2&gt;Getting started&lt;/h2&gt;</source>
        <extracomment>The page, one translatable piece per heading and paragraph (English here; :func:`page_html` shows them in the window&apos;s language).</extracomment>
        <translation>&lt;h2&gt;快速入门&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Pick a loss&lt;/b&gt; on the left, in &lt;i&gt;Loss and parameters&lt;/i&gt;: the loss, its reduction (&lt;code&gt;&apos;mean&apos;&lt;/code&gt;, &lt;code&gt;&apos;sum&apos;&lt;/code&gt;, &lt;code&gt;&apos;none&apos;&lt;/code&gt;), the dtype, whether the grid holds logits or probabilities, and the loss&apos;s own parameters (&lt;code&gt;weight&lt;/code&gt;, &lt;code&gt;pos_weight&lt;/code&gt;, margins …). The formula box under the loss says what each element computes and what the reduction does with them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在左侧的&lt;i&gt;损失与参数&lt;/i&gt;中&lt;b&gt;选择损失函数&lt;/b&gt;：损失函数、它的归约方式（&lt;code&gt;&apos;mean&apos;&lt;/code&gt;、&lt;code&gt;&apos;sum&apos;&lt;/code&gt;、&lt;code&gt;&apos;none&apos;&lt;/code&gt;）、dtype、表格中是 logits 还是概率，以及该损失函数自己的参数（&lt;code&gt;weight&lt;/code&gt;、&lt;code&gt;pos_weight&lt;/code&gt;、间隔 …）。损失函数下方的公式框说明每个元素算的是什么，以及归约如何处理它们。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Edit the numbers&lt;/b&gt; in the middle: the &lt;b&gt;input&lt;/b&gt; grid (logits or the raw values the loss takes) and the &lt;b&gt;target&lt;/b&gt; grid. Type into any cell, paste a block from a spreadsheet with Ctrl+V, add rows and classes with the &lt;i&gt;Grid&lt;/i&gt; controls. Every edit recomputes at once; Ctrl+Z undoes it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在中间&lt;b&gt;编辑数值&lt;/b&gt;：&lt;b&gt;input&lt;/b&gt;（输入）表格（logits，或损失函数接收的原始值）和 &lt;b&gt;target&lt;/b&gt;（目标）表格。可在任意单元格中输入，用 Ctrl+V 粘贴从电子表格复制的一块数据，用&lt;i&gt;表格&lt;/i&gt;控件添加行和类别。每次编辑都会立即重新计算；Ctrl+Z 可撤销。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Read the results&lt;/b&gt;: the big number at the top is the reduced loss, with the receipt (what the mean divides by) and the PyTorch call that gives it. The &lt;b&gt;results&lt;/b&gt; grid beside the inputs shows every element&apos;s probability, loss and gradient. The &lt;b&gt;Curves&lt;/b&gt; dock plots loss and gradient against the logit with each element of your batch marked; &lt;b&gt;Explain&lt;/b&gt; works the selected cell out step by step; &lt;b&gt;Compare losses&lt;/b&gt; puts related losses side by side on the same numbers.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;查看结果&lt;/b&gt;：顶部的大数字是归约后的损失，旁边是计算明细（平均时除以什么）和得到它的 PyTorch 调用。输入旁边的&lt;b&gt;结果&lt;/b&gt;表格列出每个元素的概率、损失和梯度。&lt;b&gt;曲线&lt;/b&gt;面板画出损失和梯度随 logit 变化的曲线，并标出批次中的每个元素；&lt;b&gt;解释&lt;/b&gt;一步步算出所选单元格；&lt;b&gt;比较损失函数&lt;/b&gt;在同一组数值上并排比较相关的损失函数。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Open an example&lt;/b&gt; from the &lt;b&gt;Examples&lt;/b&gt; menu: the worked examples of five articles on these losses, and one per loss family. Change a number or the reduction and watch what moves.&lt;/p&gt;</source>
        <translation>&lt;p&gt;从&lt;b&gt;示例&lt;/b&gt;菜单&lt;b&gt;打开示例&lt;/b&gt;：五篇讲解这些损失函数的文章中的算例，以及每类损失函数各一个示例。改一个数值或归约方式，看看哪些结果随之变化。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Bring your own data&lt;/b&gt; with &lt;b&gt;File &amp;gt; Import&lt;/b&gt; (CSV, NumPy &lt;code&gt;.npy&lt;/code&gt;/&lt;code&gt;.npz&lt;/code&gt;, PyTorch &lt;code&gt;.pt&lt;/code&gt;, or pasted text), or drop a file on the window. &lt;b&gt;File &amp;gt; Save&lt;/b&gt; keeps the whole session; &lt;b&gt;File &amp;gt; Export CSV&lt;/b&gt; (Ctrl+E) writes one row per element.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;使用自己的数据&lt;/b&gt;：通过&lt;b&gt;文件 &amp;gt; 导入&lt;/b&gt;读入（CSV、NumPy &lt;code&gt;.npy&lt;/code&gt;/&lt;code&gt;.npz&lt;/code&gt;、PyTorch &lt;code&gt;.pt&lt;/code&gt; 或粘贴的文本），也可以把文件拖到窗口上。&lt;b&gt;文件 &amp;gt; 保存&lt;/b&gt;保存整个会话；&lt;b&gt;文件 &amp;gt; 导出 CSV&lt;/b&gt;（Ctrl+E）为每个元素写一行。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Copy as PyTorch&lt;/b&gt; (Edit menu, Ctrl+Shift+C) puts a runnable script on the clipboard that builds these tensors and this loss in torch and prints the same value and gradient.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;复制为 PyTorch 代码&lt;/b&gt;（编辑菜单，Ctrl+Shift+C）把一个可运行的脚本放到剪贴板：它在 torch 中构建这些张量和这个损失函数，并打印出相同的值和梯度。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;More in the &lt;a href=&quot;{readme}&quot;&gt;README&lt;/a&gt;{project}. View &amp;gt; Precision sets how many significant digits every view shows.&lt;/p&gt;</source>
        <translation>&lt;p&gt;更多内容见 &lt;a href=&quot;{readme}&quot;&gt;README&lt;/a&gt;{project}。&lt;b&gt;视图 &amp;gt; 精度&lt;/b&gt;设置所有视图显示的有效数字位数。&lt;/p&gt;</translation>
    </message>
    <message>
        <source> and on the &lt;a href=&apos;{url}&apos;&gt;project page&lt;/a&gt;</source>
        <translation> 和&lt;a href=&apos;{url}&apos;&gt;项目主页&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Getting started with lossgui</source>
        <translation>lossgui 快速入门</translation>
    </message>
    <message>
        <source>The README is not installed with this copy.</source>
        <translation>此副本没有安装 README。</translation>
    </message>
    <message>
        <source>← Getting started</source>
        <translation>← 快速入门</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>Arrays</source>
        <extracomment>The filters&apos; descriptions, translated where the dialog shows them.</extracomment>
        <translation>数组</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <source>Import arrays</source>
        <extracomment>Show the hardest-samples panel after importing at least this many samples.</extracomment>
        <translation>导入数组</translation>
    </message>
    <message>
        <source>Loading {file}…</source>
        <translation>正在加载 {file}…</translation>
    </message>
    <message>
        <source>Loading {file} cancelled; nothing changed</source>
        <translation>已取消加载 {file}，未做任何更改</translation>
    </message>
    <message>
        <source>Import {file}</source>
        <translation>导入 {file}</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <source>Cannot import {file}: {error}</source>
        <translation>无法导入 {file}：{error}</translation>
    </message>
    <message>
        <source>{step}: N = {rows}, C = {columns} (undo with Ctrl+Z)</source>
        <translation>{step}：N = {rows}，C = {columns}（Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <source>Paste as tensor</source>
        <translation>粘贴为张量</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>lossgui is shown in {language}.</source>
        <translation>lossgui 当前以{language}显示。</translation>
    </message>
    <message>
        <source>lossgui starts in {language} next time.</source>
        <extracomment>What View &gt; Language says of a language that applies from the next start.</extracomment>
        <translation>lossgui 下次启动时将以{language}显示。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Internal error: {kind}: {error}</source>
        <translation>内部错误：{kind}: {error}</translation>
    </message>
    <message>
        <source>lossgui — PyTorch loss explorer</source>
        <extracomment>The size of the first window (no remembered geometry): a small laptop&apos;s. Characters a drop-down of the controls dock is sized for (its list is wider). The Example tab (set by :func:`~lossgui.ui.understanding.install_understanding`).</extracomment>
        <translation>lossgui — PyTorch 损失函数探索器</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Loss and parameters</source>
        <translation>损失与参数</translation>
    </message>
    <message>
        <source>Evaluation cancelled: the change was undone, the results are those shown before</source>
        <translation>已取消计算：该更改已撤销，显示的仍是之前的结果</translation>
    </message>
    <message>
        <source>Evaluating {loss}…</source>
        <translation>正在计算 {loss}…</translation>
    </message>
</context>
<context>
    <name>PasteTensorDialog</name>
    <message>
        <source>a torch tensor repr</source>
        <extracomment>Where pasted numbers came from (translated where they are shown).</extracomment>
        <translation>torch 张量的 repr</translation>
    </message>
    <message>
        <source>a NumPy array repr</source>
        <translation>NumPy 数组的 repr</translation>
    </message>
    <message>
        <source>a Python list</source>
        <translation>Python 列表</translation>
    </message>
    <message>
        <source>spreadsheet cells</source>
        <translation>电子表格单元格</translation>
    </message>
    <message>
        <source>Paste as tensor</source>
        <translation>粘贴为张量</translation>
    </message>
    <message>
        <source>or cells copied from a spreadsheet</source>
        <translation>或从电子表格复制的单元格</translation>
    </message>
    <message>
        <source>Replace tensor</source>
        <translation>替换张量</translation>
    </message>
    <message>
        <source>Text to read (a torch or NumPy repr, a Python list, or cells):</source>
        <translation>要读取的文本（torch 或 NumPy 的 repr、Python 列表或单元格）：</translation>
    </message>
    <message>
        <source>Paste or type the numbers above.</source>
        <translation>请在上方粘贴或输入数值。</translation>
    </message>
    <message>
        <source>✓ {shape} numbers from {source} → {name}; the session becomes {dtype}.</source>
        <translation>✓ 来自{source}的 {shape} 个数值 → {name}；会话变为 {dtype}。</translation>
    </message>
    <message>
        <source>✓ {shape} numbers from {source} → {name}.</source>
        <translation>✓ 来自{source}的 {shape} 个数值 → {name}。</translation>
    </message>
</context>
<context>
    <name>SessionFiles</name>
    <message>
        <source>lossgui sessions (*.json *.lossgui);;All files (*)</source>
        <extracomment>The file dialogs&apos; filters, in English (shown translated: see :func:`shown_filter`).</extracomment>
        <translation>lossgui 会话 (*.json *.lossgui);;所有文件 (*)</translation>
    </message>
    <message>
        <source>lossgui session, readable JSON (*.json)</source>
        <extracomment>Save As&apos;s choices: readable JSON, or the binary container for large sessions.</extracomment>
        <translation>lossgui 会话，可读的 JSON (*.json)</translation>
    </message>
    <message>
        <source>lossgui session, binary for large data (*.lossgui)</source>
        <translation>lossgui 会话，适合大数据的二进制格式 (*.lossgui)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to “{name}” before closing it?

Your changes are lost if you don&apos;t save them.</source>
        <translation>关闭前是否保存对“{name}”的更改？

如果不保存，你的更改将会丢失。</translation>
    </message>
    <message>
        <source>Your current session is unchanged.</source>
        <translation>当前会话未做任何更改。</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>新建会话</translation>
    </message>
    <message>
        <source>New session: {name} (Ctrl+Z returns to the previous one)</source>
        <translation>新建会话：{name}（Ctrl+Z 返回上一个会话）</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Opening {file} cancelled; nothing changed</source>
        <translation>已取消打开 {file}，未做任何更改</translation>
    </message>
    <message>
        <source>Cannot open session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>Cannot open {file}: {error}</source>
        <translation>无法打开 {file}：{error}</translation>
    </message>
    <message>
        <source>Opened example: {title}</source>
        <translation>已打开示例：{title}</translation>
    </message>
    <message>
        <source>Opened {file}</source>
        <translation>已打开 {file}</translation>
    </message>
    <message>
        <source>Opening {file}…</source>
        <translation>正在打开 {file}…</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Saving {file} cancelled; nothing was written</source>
        <translation>已取消保存 {file}，未写入任何内容</translation>
    </message>
    <message>
        <source>Cannot save session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; could not be written: {reason}.&lt;br&gt;&lt;br&gt;Nothing was written; choose another folder with File &gt; Save As….</source>
        <translation>无法写入 &lt;b&gt;{file}&lt;/b&gt;：{reason}。&lt;br&gt;&lt;br&gt;未写入任何内容；请用“文件 &gt; 另存为…”选择其他文件夹。</translation>
    </message>
    <message>
        <source>Cannot save {file}: {reason}</source>
        <translation>无法保存 {file}：{reason}</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>Saving {file}…</source>
        <translation>正在保存 {file}…</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>System</source>
        <extracomment>Each theme&apos;s name in View &gt; Theme (translated where it is shown).</extracomment>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
</context>
<context>
    <name>TorchActions</name>
    <message>
        <source>Copy as &amp;PyTorch</source>
        <translation>复制为 PyTorch 代码(&amp;P)</translation>
    </message>
    <message>
        <source>Copy a runnable PyTorch script that prints this value and gradient</source>
        <translation>复制一个可运行的 PyTorch 脚本，它会打印出这个值和梯度</translation>
    </message>
    <message>
        <source>&amp;Verify with PyTorch</source>
        <translation>用 PyTorch 验证(&amp;V)</translation>
    </message>
    <message>
        <source>Recompute this session in torch and compare</source>
        <translation>在 torch 中重新计算此会话并比较</translation>
    </message>
    <message>
        <source>install torch to enable: pip install torch</source>
        <translation>安装 torch 后可用：pip install torch</translation>
    </message>
    <message>
        <source>Copy as PyTorch</source>
        <translation>复制为 PyTorch 代码</translation>
    </message>
    <message>
        <source>Copied a PyTorch script ({lines} lines): run it to print the same loss and gradient</source>
        <translation>已复制 PyTorch 脚本（{lines} 行）：运行它会打印出相同的损失和梯度</translation>
    </message>
    <message>
        <source>Verify with PyTorch</source>
        <translation>用 PyTorch 验证</translation>
    </message>
</context>
<context>
    <name>Understanding</name>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>Compare losses</source>
        <translation>比较损失函数</translation>
    </message>
    <message>
        <source>Gradient &amp;step on the logits</source>
        <translation>对 logits 做一步梯度下降(&amp;S)</translation>
    </message>
    <message>
        <source>z ← z − lr·∂L/∂z with the learning rate of Compare losses</source>
        <translation>z ← z − lr·∂L/∂z，学习率取自“比较损失函数”</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New session</source>
        <translation>新建会话(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Insert &amp;row below</source>
        <translation>在下方插入行(&amp;R)</translation>
    </message>
    <message>
        <source>Remove selected ro&amp;ws</source>
        <translation>删除所选行(&amp;W)</translation>
    </message>
    <message>
        <source>Insert c&amp;olumn right</source>
        <translation>在右侧插入列(&amp;O)</translation>
    </message>
    <message>
        <source>Remove selected colu&amp;mns</source>
        <translation>删除所选列(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Fill column…</source>
        <translation>填充列(&amp;F)…</translation>
    </message>
    <message>
        <source>One-&amp;hot from class indices…</source>
        <translation>由类别索引生成 one-hot(&amp;H)…</translation>
    </message>
    <message>
        <source>Random &amp;logits</source>
        <translation>随机 logits(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>快速入门(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;About lossgui</source>
        <translation>关于 lossgui(&amp;A)</translation>
    </message>
    <message>
        <source>Fill column</source>
        <translation>填充列</translation>
    </message>
    <message>
        <source>Value for every row of {name}, column {column}:</source>
        <translation>{name} 第 {column} 列每一行的值：</translation>
    </message>
    <message>
        <source>Fill refused: {error}</source>
        <translation>无法填充：{error}</translation>
    </message>
    <message>
        <source>One-hot needs class-index targets or a multi-column target</source>
        <translation>one-hot 需要类别索引形式的目标，或多列的目标</translation>
    </message>
    <message>
        <source>One-hot targets</source>
        <translation>one-hot 目标</translation>
    </message>
    <message>
        <source>Class index (0…{last}) of each row, separated by commas:</source>
        <translation>每一行的类别索引（0…{last}），用逗号分隔：</translation>
    </message>
    <message>
        <source>One-hot refused: {error}</source>
        <translation>无法生成 one-hot：{error}</translation>
    </message>
    <message>
        <source>Random logits, seed {seed} (undo with Ctrl+Z)</source>
        <translation>随机 logits，种子 {seed}（Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <source>&amp;Precision</source>
        <translation>精度(&amp;P)</translation>
    </message>
    <message>
        <source>{digits} significant digits</source>
        <translation>{digits} 位有效数字</translation>
    </message>
    <message>
        <source>About lossgui</source>
        <translation>关于 lossgui</translation>
    </message>
    <message>
        <source>&lt;b&gt;lossgui&lt;/b&gt; — see what each PyTorch loss computes on your own numbers: the per-element loss, the reduction and the gradient on every logit.</source>
        <translation>&lt;b&gt;lossgui&lt;/b&gt; — 用你自己的数据看清每个 PyTorch 损失函数算了什么：逐元素的损失、归约，以及每个 logit 上的梯度。</translation>
    </message>
</context>
<context>
    <name>WindowLayout</name>
    <message>
        <source>Arrange panels &amp;automatically</source>
        <extracomment>From this window width on, the panels go right of the grids. Below this window width the controls go under the grids too, left of the panels, so the grids get the window&apos;s whole width. The controls dock&apos;s width: the loss selector and its parameters, compact. The panels&apos; share of a wide window, and their narrowest and widest. The panels&apos; tab bar and title, beside the height given to resizeDocks. The height left to panels under the grids: at least this, at most a share. Rows of the grids kept in view when the panels are under the grids. Rows of the inputs kept in view when the results go under them. Rows of each input grid that stay in view however tall the results are.</extracomment>
        <translation>自动排列面板(&amp;A)</translation>
    </message>
    <message>
        <source>Keep every grid column in view: panels go right of the grids in a wide window and under them in a narrow one.</source>
        <translation>让表格的每一列都保持可见：窗口较宽时面板放在表格右侧，较窄时放在表格下方。</translation>
    </message>
</context>
<context>
    <name>show</name>
    <message>
        <source>a QCoreApplication without widgets is running in this process; lossgui.show needs a QApplication</source>
        <extracomment>The dynamic property marking a QApplication that lossgui created itself. How often a blocking loop lets Python see Ctrl+C (ms).</extracomment>
        <translation>此进程中运行的是不带窗口部件的 QCoreApplication；lossgui.show 需要 QApplication</translation>
    </message>
</context>
</TS>
