<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CompactLegend</name>
    <message>
        <source>+{count} more</source>
        <extracomment>The legend&apos;s text size. Shortest cut label kept (fewer characters: the legend hides instead).</extracomment>
        <translation>另有 {count} 条</translation>
    </message>
</context>
<context>
    <name>CompareControls</name>
    <message>
        <source>A ready-made set of curves.</source>
        <translation>一组预设的曲线。</translation>
    </message>
    <message>
        <source>Load preset</source>
        <translation>载入预设</translation>
    </message>
    <message>
        <source>Replace the list with the preset&apos;s curves.</source>
        <translation>用预设的曲线替换列表。</translation>
    </message>
    <message>
        <source>Add current</source>
        <translation>添加当前</translation>
    </message>
    <message>
        <source>Add the current loss with its parameters, on the selected sample.</source>
        <translation>添加当前损失及其参数（作用于选中的样本）。</translation>
    </message>
    <message>
        <source>A numeric parameter of the current loss to vary.</source>
        <translation>要变化的当前损失的数值参数。</translation>
    </message>
    <message>
        <source>Values of the parameter, separated by commas.</source>
        <translation>参数的取值，用逗号分隔。</translation>
    </message>
    <message>
        <source>Add values</source>
        <translation>添加取值</translation>
    </message>
    <message>
        <source>Add the current sample once per value of the parameter.</source>
        <translation>对参数的每个取值各添加一次当前样本。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>This loss has no numeric parameter to vary</source>
        <translation>此损失没有可变化的数值参数</translation>
    </message>
    <message>
        <source>Values refused: {reason}</source>
        <translation>取值被拒绝：{reason}</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>Loss per sample (rank)</source>
        <extracomment>Samples shown as columns (the first ones of the batch). Bigger sessions are compared on request (Refresh), not after every edit. Mode -&gt; its name in the Show box (English; translated where shown).</extracomment>
        <translation>每个样本的损失（排名）</translation>
    </message>
    <message>
        <source>Step size ‖lr·∂L/∂z‖ per sample</source>
        <translation>每个样本的步长 ‖lr·∂L/∂z‖</translation>
    </message>
    <message>
        <source>Loss change after one step</source>
        <translation>一步之后的损失变化</translation>
    </message>
    <message>
        <source>Refresh</source>
        <extracomment>The &quot;How&quot; column (last) starts this wide, stretches to the table&apos;s edge and wraps its notes; the full note is its tooltip too.</extracomment>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Compare again (large batches wait for this)</source>
        <translation>重新比较（大批次需手动刷新）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Large batch: press Refresh to compare the losses on these numbers.</source>
        <translation>批次较大：按“刷新”在这些数值上比较各损失函数。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>How</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>rank {here} here, {base} in the session&apos;s loss</source>
        <translation>此处排名 {here}，会话的损失中排名 {base}</translation>
    </message>
    <message>
        <source>Not computed: {note}</source>
        <translation>未计算：{note}</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>not applicable: {note}</source>
        <translation>不适用：{note}</translation>
    </message>
    <message>
        <source> Showing the first {shown} of {samples} samples.</source>
        <translation>仅显示 {samples} 个样本中的前 {shown} 个。</translation>
    </message>
    <message>
        <source>Rank 1 is the hardest sample; tinted ranks differ from the session&apos;s loss.</source>
        <translation>排名 1 是最难的样本；着色的排名与会话的损失不同。</translation>
    </message>
    <message>
        <source>How far one SGD step (lr={lr}) moves each sample&apos;s logits.</source>
        <translation>一步 SGD（lr={lr}）使每个样本的 logits 移动多远。</translation>
    </message>
    <message>
        <source>Each sample&apos;s loss after one SGD step (lr={lr}) minus before: focal and smoothed losses spend the step differently on easy and hard samples.</source>
        <translation>每个样本在一步 SGD（lr={lr}）之后的损失减去之前的损失：focal 损失和平滑后的损失在简单样本和困难样本上分配这一步的方式不同。</translation>
    </message>
    <message>
        <source> {losses} agree: the same loss in another form.</source>
        <translation>{losses} 一致：同一个损失的另一种形式。</translation>
    </message>
    <message>
        <source>{data}.{same} {what}{more}</source>
        <translation>{data}。{same}{what}{more}</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} 和 {last}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>CurveControls</name>
    <message>
        <source>Batch</source>
        <extracomment>(key, text, tooltip) of the three modes (English; translated where shown).</extracomment>
        <translation>批次</translation>
    </message>
    <message>
        <source>The current loss: one curve per kind of element, batch marked.</source>
        <translation>当前损失：每类元素一条曲线，并标出批次。</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Overlay several losses or parameter settings.</source>
        <translation>叠加多个损失或参数设置。</translation>
    </message>
    <message>
        <source>Numerics</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>BCELoss on a sigmoid vs BCEWithLogitsLoss in float32 and float64.</source>
        <translation>sigmoid 后接 BCELoss 与 BCEWithLogitsLoss 在 float32 和 float64 下的对比。</translation>
    </message>
    <message>
        <source>vs input</source>
        <extracomment>(key, text) of the x-axis choices (English; translated where shown).</extracomment>
        <translation>对输入</translation>
    </message>
    <message>
        <source>vs p(true)</source>
        <translation>对 p(true)</translation>
    </message>
    <message>
        <source>What the plots show.</source>
        <translation>图中显示的内容。</translation>
    </message>
    <message>
        <source>Left end of the swept range.</source>
        <translation>扫描区间的左端。</translation>
    </message>
    <message>
        <source>Right end of the swept range.</source>
        <translation>扫描区间的右端。</translation>
    </message>
    <message>
        <source>Plot against the swept value, or against the probability the model gives the true class (p_t of the focal-loss paper).</source>
        <translation>以扫描的值为横轴，或以模型给真实类别的概率为横轴（focal loss 论文中的 p_t）。</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适配</translation>
    </message>
    <message>
        <source>Set the range to cover every value in the batch.</source>
        <translation>把区间设为覆盖批次中的每个值。</translation>
    </message>
    <message>
        <source>Target of the numerics view.</source>
        <translation>数值视图的目标。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save the plots as PNG or SVG, or the curves as CSV.</source>
        <translation>把图保存为 PNG 或 SVG，或把曲线保存为 CSV。</translation>
    </message>
</context>
<context>
    <name>CurvePlot</name>
    <message>
        <source>Show legend</source>
        <extracomment>Curve items per plot (compare mode and the batch view draw at most this many). Pixels between a legend and its corner of the plot.</extracomment>
        <translation>显示图例</translation>
    </message>
    <message>
        <source>Show or hide this plot&apos;s legend</source>
        <translation>显示或隐藏此图的图例</translation>
    </message>
    <message>
        <source>marker {index}</source>
        <translation>标记 {index}</translation>
    </message>
</context>
<context>
    <name>CurvesPanel</name>
    <message>
        <source>Nothing computed yet.</source>
        <extracomment>The link to the window&apos;s selected element (set by install_curves).</extracomment>
        <translation>尚未计算。</translation>
    </message>
    <message>
        <source>p_t, probability of the true class</source>
        <translation>p_t，真实类别的概率</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
</context>
<context>
    <name>DiagnosticsBanner</name>
    <message>
        <source>Error</source>
        <extracomment>Severity -&gt; the word before a finding&apos;s title (translated where shown).</extracomment>
        <translation>错误</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>注意</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>{tag}: {title}</source>
        <extracomment>(light, dark) background and border of each severity.</extracomment>
        <translation>{tag}：{title}</translation>
    </message>
</context>
<context>
    <name>ExampleNotes</name>
    <message>
        <source>&lt;p&gt;This batch is not one of the bundled examples.&lt;/p&gt;&lt;p&gt;Open one from the &lt;b&gt;Examples&lt;/b&gt; menu: the five articles&apos; worked examples show here with every number the article printed beside the value lossgui computes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这个批次不是自带的示例之一。&lt;/p&gt;&lt;p&gt;从&lt;b&gt;示例&lt;/b&gt;菜单打开一个：五篇文章中的示例会显示在这里，文章打印的每个数字旁都列出 lossgui 计算的值。&lt;/p&gt;</translation>
    </message>
    <message>
        <source> · seed article {seed}</source>
        <translation> · 来源文章 {seed}</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;This batch is no longer the example&apos;s (it was edited, or another session was opened), so the article&apos;s numbers no longer apply; Ctrl+Z goes back.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;这个批次已不再是示例的批次（它被编辑过，或打开了另一个会话），文章的数字不再适用；按 Ctrl+Z 可返回。&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>What the article printed, beside what lossgui computes</source>
        <translation>文章打印的值与 lossgui 计算的值对照</translation>
    </message>
    <message>
        <source>printed for</source>
        <translation>对应项</translation>
    </message>
    <message>
        <source>article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>1 printed value agrees (✓ within the printed digits)</source>
        <translation>1 个打印值一致（✓ 在打印的位数内）</translation>
    </message>
    <message>
        <source>{count} printed values agree (✓ within the printed digits)</source>
        <translation>{count} 个打印值一致（✓ 在打印的位数内）</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>; 1 slip explained above.</source>
        <translation>；1 处笔误已在上方说明。</translation>
    </message>
    <message>
        <source>; {count} slips explained above.</source>
        <translation>；{count} 处笔误已在上方说明。</translation>
    </message>
    <message>
        <source>The example notes could not be shown.</source>
        <extracomment>The Example dock (set by :func:`install_example_notes`).</extracomment>
        <translation>无法显示示例说明。</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
</context>
<context>
    <name>ExplainPanel</name>
    <message>
        <source>Select a cell of any grid to explain it. Significant digits (every view): {links}</source>
        <translation>选中任一表格的单元格即可查看其解释。有效数字（所有视图）：{links}</translation>
    </message>
</context>
<context>
    <name>ExportMenu</name>
    <message>
        <source>PNG image (*.png)</source>
        <extracomment>Suffix -&gt; the file dialog&apos;s filter (English; translated where shown).</extracomment>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Loss plot as PNG…</source>
        <translation>损失图导出为 PNG…</translation>
    </message>
    <message>
        <source>Loss plot as SVG…</source>
        <translation>损失图导出为 SVG…</translation>
    </message>
    <message>
        <source>Gradient plot as PNG…</source>
        <translation>梯度图导出为 PNG…</translation>
    </message>
    <message>
        <source>Gradient plot as SVG…</source>
        <translation>梯度图导出为 SVG…</translation>
    </message>
    <message>
        <source>Curve data as CSV…</source>
        <translation>曲线数据导出为 CSV…</translation>
    </message>
    <message>
        <source>Save the loss plot</source>
        <translation>保存损失图</translation>
    </message>
    <message>
        <source>Save the grad plot</source>
        <translation>保存梯度图</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>导出失败：{reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>There are no curves to export</source>
        <translation>没有可导出的曲线</translation>
    </message>
    <message>
        <source>Save the curve data</source>
        <translation>保存曲线数据</translation>
    </message>
    <message>
        <source>Saved {rows} rows to {path}</source>
        <translation>已将 {rows} 行保存到 {path}</translation>
    </message>
</context>
<context>
    <name>GridControls</name>
    <message>
        <source>N: the batch size (rows of every tensor).</source>
        <translation>N：批大小（每个张量的行数）。</translation>
    </message>
    <message>
        <source>Classes C</source>
        <translation>类别数 C</translation>
    </message>
    <message>
        <source>Random logits</source>
        <translation>随机 logits</translation>
    </message>
    <message>
        <source>Replace the logits with seeded random values (Ctrl+R).</source>
        <translation>用带种子的随机值替换 logits（Ctrl+R）。</translation>
    </message>
    <message>
        <source>One-hot…</source>
        <translation>one-hot…</translation>
    </message>
    <message>
        <source>Build one-hot target rows from class indices.</source>
        <translation>由类别索引生成 one-hot 目标行。</translation>
    </message>
    <message>
        <source>Fill column…</source>
        <translation>填充列…</translation>
    </message>
    <message>
        <source>Set every row of the current column to one value.</source>
        <translation>把当前列的每一行设为同一个值。</translation>
    </message>
    <message>
        <source>Rows N</source>
        <translation>行数 N</translation>
    </message>
    <message>
        <source>Columns C</source>
        <translation>列数 C</translation>
    </message>
    <message>
        <source>Time steps T</source>
        <translation>时间步 T</translation>
    </message>
    <message>
        <source>T: the time steps (rows of {name}); one sequence, unbatched; at least 1.</source>
        <translation>T：时间步数（{name} 的行数）；单个序列，无批次维度；至少为 1。</translation>
    </message>
    <message>
        <source>N: the batch size (rows of every tensor); at least 1, a batch holds one sample or more.</source>
        <translation>N：批大小（每个张量的行数）；至少为 1，一个批次包含一个或多个样本。</translation>
    </message>
    <message>
        <source>C: the number of classes (columns of the logits); at least 1.</source>
        <translation>C：类别数（logits 的列数）；至少为 1。</translation>
    </message>
    <message>
        <source>C: columns per sample, at least 1; 1 keeps the tensors 1-D (the cat/dog example).</source>
        <translation>C：每个样本的列数，至少为 1；为 1 时张量保持一维（猫/狗示例）。</translation>
    </message>
    <message>
        <source>This grid has no rows to remove (select a tensor grid).</source>
        <translation>此表格没有可删除的行（请选中一个张量表格）。</translation>
    </message>
    <message>
        <source>Remove the selected rows from every tensor (undo: Ctrl+Z).</source>
        <translation>从每个张量中删除选中的行（撤销：Ctrl+Z）。</translation>
    </message>
    <message>
        <source>This grid has no columns to remove (select a tensor grid).</source>
        <translation>此表格没有可删除的列（请选中一个张量表格）。</translation>
    </message>
    <message>
        <source>Remove the selected columns from every tensor (undo: Ctrl+Z).</source>
        <translation>从每个张量中删除选中的列（撤销：Ctrl+Z）。</translation>
    </message>
</context>
<context>
    <name>GridView</name>
    <message>
        <source>Copied {rows}×{columns} cells</source>
        <extracomment>Rows and columns measured when sizing columns to their text. Space around a cell&apos;s and a column title&apos;s text, in pixels. Grids with more rows than this may need a vertical scroll bar. The narrowest column shows at least this much text.</extracomment>
        <translation>已复制 {rows}×{columns} 个单元格</translation>
    </message>
</context>
<context>
    <name>GripHandle</name>
    <message>
        <source>Drag to give this grid more or less room</source>
        <extracomment>Splitter handles wide enough to grab, with a grip drawn on them.</extracomment>
        <translation>拖动以调整此表格的空间</translation>
    </message>
</context>
<context>
    <name>HardestPanel</name>
    <message>
        <source>sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>loss (row sum)</source>
        <translation>损失（行和）</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Samples by their unreduced loss, largest first; double-click one to select it in the grids.</source>
        <translation>样本按未归约的损失从大到小排列；双击一行可在表格中选中该样本。</translation>
    </message>
    <message>
        <source>No per-sample losses: torch refuses the input.</source>
        <translation>没有逐样本的损失：torch 拒绝了这个输入。</translation>
    </message>
    <message>
        <source>This loss has no per-sample values.</source>
        <translation>此损失没有逐样本的值。</translation>
    </message>
    <message>
        <source>{count} samples by loss, largest first.</source>
        <translation>{count} 个样本按损失从大到小排列。</translation>
    </message>
    <message>
        <source>{count} samples by loss, largest first; {nan} NaN first.</source>
        <translation>{count} 个样本按损失从大到小排列；{nan} 个 NaN 排在最前。</translation>
    </message>
    <message>
        <source>{count} samples by the sum of their row’s losses, largest first.</source>
        <translation>{count} 个样本按其所在行的损失之和从大到小排列。</translation>
    </message>
    <message>
        <source>{count} samples by the sum of their row’s losses, largest first; {nan} NaN first.</source>
        <translation>{count} 个样本按其所在行的损失之和从大到小排列；{nan} 个 NaN 排在最前。</translation>
    </message>
</context>
<context>
    <name>LossControls</name>
    <message>
        <source>Binary / multi-label</source>
        <extracomment>Family -&gt; the loss combo&apos;s header (English; translated where shown).</extracomment>
        <translation>二分类 / 多标签</translation>
    </message>
    <message>
        <source>Multi-class</source>
        <translation>多分类</translation>
    </message>
    <message>
        <source>Divergence</source>
        <translation>散度</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>probabilities (raw)</source>
        <translation>概率（raw）</translation>
    </message>
    <message>
        <source>log-probabilities (raw)</source>
        <translation>对数概率（raw）</translation>
    </message>
    <message>
        <source>class indices</source>
        <translation>类别索引</translation>
    </message>
    <message>
        <source>probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>(not in torch.nn)</source>
        <extracomment>How losses that lossgui adds beyond ``torch.nn`` are marked.</extracomment>
        <translation>（torch.nn 中没有）</translation>
    </message>
    <message>
        <source>{summary} — (not in torch.nn); reference: {reference}</source>
        <translation>{summary} ——（torch.nn 中没有）；参考：{reference}</translation>
    </message>
    <message>
        <source>The per-element formula, then what the chosen reduction does with it.</source>
        <translation>逐元素的公式，以及所选归约对它做了什么。</translation>
    </message>
    <message>
        <source>How the per-element losses become one number: &apos;none&apos; keeps them, &apos;sum&apos; adds them, &apos;mean&apos; divides the sum (see the receipt for by what).</source>
        <translation>逐元素的损失如何变成一个数：&apos;none&apos; 保留它们，&apos;sum&apos; 把它们相加，&apos;mean&apos; 把总和相除（除以什么见计算明细）。</translation>
    </message>
    <message>
        <source>The tensors&apos; dtype: values are cast as torch.tensor(values, dtype=...) would (float32 is torch&apos;s default).</source>
        <translation>张量的 dtype：数值按 torch.tensor(values, dtype=...) 的方式转换（float32 是 torch 的默认值）。</translation>
    </message>
    <message>
        <source>CrossEntropyLoss reads the target by its shape: (N,) class indices, or (N, C) class probabilities (soft labels).</source>
        <translation>CrossEntropyLoss 按形状解读 target：(N,) 是类别索引，(N, C) 是类别概率（软标签）。</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Reduction</source>
        <translation>归约</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>as typed</source>
        <translation>按原样</translation>
    </message>
    <message>
        <source>This loss takes the grid&apos;s values directly (no activation to apply).</source>
        <translation>此损失直接使用表格中的值（无需应用激活函数）。</translation>
    </message>
    <message>
        <source>logits: the grid holds logits and {activation} is applied before the loss (the gradient is carried back to the logits). raw: the grid goes to the loss unchanged.</source>
        <translation>logits：表格中是 logits，计算损失前先应用 {activation}（梯度会传回 logits）。raw：表格中的值原样传给损失。</translation>
    </message>
</context>
<context>
    <name>OffScaleBands</name>
    <message>
        <source>Off the scale: the curves leave the plot here ({text}).
The y-range shows the batch and the middle of the curves;
right-click &gt; View All shows everything.</source>
        <extracomment>A band is drawn at least this wide (a single clamped end point included).</extracomment>
        <translation>超出刻度：曲线在这里离开了绘图区（{text}）。
y 轴范围显示批次和曲线的中段；
右键 &gt; View All 可显示全部。</translation>
    </message>
</context>
<context>
    <name>ParamPanel</name>
    <message>
        <source>tensor (per class)</source>
        <translation>张量（逐类别）</translation>
    </message>
    <message>
        <source>tensor (grid)</source>
        <translation>张量（表格）</translation>
    </message>
    <message>
        <source>Unchecked: torch&apos;s None.</source>
        <translation>不勾选：torch 的 None。</translation>
    </message>
    <message>
        <source>This loss has no parameters besides the reduction.</source>
        <translation>除归约外，此损失没有其他参数。</translation>
    </message>
    <message>
        <source>{name}: one value per class; edit, or paste a row of numbers.</source>
        <translation>{name}：每个类别一个值；可直接编辑，或粘贴一行数字。</translation>
    </message>
</context>
<context>
    <name>ParamWidgets</name>
    <message>
        <source>per-element {name}</source>
        <translation>逐元素 {name}</translation>
    </message>
    <message>
        <source>{what} (functional `{name}=`)</source>
        <translation>{what}（函数式 `{name}=`）</translation>
    </message>
    <message>
        <source> Default: {default}.</source>
        <translation>默认值：{default}。</translation>
    </message>
    <message>
        <source>Range torch accepts: [{low}, {high}].</source>
        <translation>torch 接受的范围：[{low}, {high}]。</translation>
    </message>
    <message>
        <source>Only the torch.nn.functional form takes this argument.</source>
        <translation>只有 torch.nn.functional 形式接受这个参数。</translation>
    </message>
</context>
<context>
    <name>PlotText</name>
    <message>
        <source>No curves: {reason}</source>
        <extracomment>Notes longer than this are cut (the full text is in the plot&apos;s tooltip).</extracomment>
        <translation>没有曲线：{reason}</translation>
    </message>
    <message>
        <source>element [{row}, {column}]</source>
        <translation>元素 [{row}, {column}]</translation>
    </message>
</context>
<context>
    <name>ResultEditor</name>
    <message>
        <source>Per element: probability, unreduced loss, gradient (read-only).</source>
        <translation>逐元素：概率、未归约的损失、梯度（只读）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;results&lt;/b&gt; per element</source>
        <translation>逐元素&lt;b&gt;结果&lt;/b&gt;</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>ResultSummary</name>
    <message>
        <source>{count} values</source>
        <extracomment>The narrowest a wrapped line of the summary gets, in pixels.</extracomment>
        <translation>{count} 个值</translation>
    </message>
    <message>
        <source>The PyTorch call that computes this value:
</source>
        <translation>计算这个值的 PyTorch 调用：
</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this PyTorch call to the clipboard</source>
        <translation>把这个 PyTorch 调用复制到剪贴板</translation>
    </message>
    <message>
        <source>What the article this example comes from printed, checked against the value computed here (details in the Example tab).</source>
        <translation>本示例所出自的文章打印的值，与这里计算的值核对（详见“示例”标签页）。</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>torch raises an error for this input</source>
        <translation>torch 对这个输入报错</translation>
    </message>
    <message>
        <source>torch refuses this input; every cell and control stays editable.</source>
        <translation>torch 拒绝了这个输入；所有单元格和控件仍可编辑。</translation>
    </message>
</context>
<context>
    <name>ResultTableModel</name>
    <message>
        <source>exp({symbol}): the probabilities the log-inputs stand for.</source>
        <extracomment>After a gradient: the way gradient descent moves the input (thin space). (positive, negative) hues; alpha comes from the scale.</extracomment>
        <translation>exp({symbol})：对数输入所代表的概率。</translation>
    </message>
    <message>
        <source>σ({symbol}): the probability the sigmoid gives this logit.</source>
        <translation>σ({symbol})：sigmoid 对这个 logit 给出的概率。</translation>
    </message>
    <message>
        <source>p = softmax({symbol}) over the classes: the predicted distribution.</source>
        <translation>p = 在类别上的 softmax({symbol})：预测的分布。</translation>
    </message>
    <message>
        <source>z = x·Wᵀ + b: the logit the linear layer gives this class (computed from the grid and linear_weight; softmax(z) is the predicted distribution).</source>
        <translation>z = x·Wᵀ + b：线性层给这个类别的 logit（由表格和 linear_weight 计算；softmax(z) 是预测的分布）。</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>The unreduced loss of this element (what reduction=&apos;none&apos; returns).</source>
        <translation>这个元素未归约的损失（即 reduction=&apos;none&apos; 返回的值）。</translation>
    </message>
    <message>
        <source>Gradient of the {reduction}-reduced loss with respect to this {symbol}. Gradient descent moves {symbol} against it: ↓ when positive, ↑ when negative.</source>
        <translation>按 {reduction} 归约的损失对这个 {symbol} 的梯度。梯度下降使 {symbol} 逆着它移动：为正时 ↓，为负时 ↑。</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Edit cell</source>
        <translation>编辑单元格</translation>
    </message>
    <message>
        <source>Fill column {column} of {name}</source>
        <translation>填充 {name} 的第 {column} 列</translation>
    </message>
    <message>
        <source>Set {key} to {value}</source>
        <translation>将 {key} 设为 {value}</translation>
    </message>
    <message>
        <source>Switch to {name}</source>
        <translation>切换到 {name}</translation>
    </message>
    <message>
        <source>Targets as {mode}</source>
        <translation>目标改为 {mode}</translation>
    </message>
    <message>
        <source>Resize to {rows}×{columns}</source>
        <translation>调整大小为 {rows}×{columns}</translation>
    </message>
    <message>
        <source>Insert rows</source>
        <translation>插入行</translation>
    </message>
    <message>
        <source>Remove rows</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Insert columns</source>
        <translation>插入列</translation>
    </message>
    <message>
        <source>Remove columns</source>
        <translation>删除列</translation>
    </message>
    <message>
        <source>Random logits (seed {seed})</source>
        <translation>随机 logits（种子 {seed}）</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Paste (grow grid)</source>
        <translation>粘贴（扩展表格）</translation>
    </message>
</context>
<context>
    <name>SgdControls</name>
    <message>
        <source>SGD step (lr={lr})</source>
        <translation>SGD 一步（lr={lr}）</translation>
    </message>
    <message>
        <source>{steps} SGD steps (lr={lr})</source>
        <translation>SGD {steps} 步（lr={lr}）</translation>
    </message>
    <message>
        <source>Learning rate of the SGD step: z ← z − lr·∂L/∂z</source>
        <translation>SGD 一步的学习率：z ← z − lr·∂L/∂z</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Apply one SGD step to the logits (undoable)</source>
        <translation>对 logits 执行一步 SGD（可撤销）</translation>
    </message>
    <message>
        <source>How many steps the animation takes</source>
        <translation>动画执行的步数</translation>
    </message>
    <message>
        <source>Animate</source>
        <translation>动画</translation>
    </message>
    <message>
        <source>Take the steps one by one (one undo step)</source>
        <translation>逐步执行（合为一个撤销步骤）</translation>
    </message>
    <message>
        <source>SGD step waits: a background job is running</source>
        <translation>SGD 步骤暂缓：后台任务正在运行</translation>
    </message>
    <message>
        <source>SGD step refused: {reason}</source>
        <translation>SGD 步骤被拒绝：{reason}</translation>
    </message>
    <message>
        <source>SGD step with lr={lr}</source>
        <translation>已执行 SGD 一步，lr={lr}</translation>
    </message>
    <message>
        <source>SGD step with lr={lr}: loss {loss}</source>
        <translation>已执行 SGD 一步，lr={lr}：损失 {loss}</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
</context>
<context>
    <name>TensorEditor</name>
    <message>
        <source>S: the number of labels in {name}.</source>
        <extracomment>Roles shown as one-row grids stacked in a shared column. The widest a tensor grid (or the shared column of short tensors) is made.</extracomment>
        <translation>S：{name} 中的标签个数。</translation>
    </message>
    <message>
        <source>{name}: {length} labels</source>
        <translation>{name}：{length} 个标签</translation>
    </message>
    <message>
        <source>Shape torch accepts: {shape}</source>
        <translation>torch 接受的形状：{shape}</translation>
    </message>
</context>
<context>
    <name>TensorTableModel</name>
    <message>
        <source>as float32: {value}</source>
        <extracomment>The roles :meth:`TensorTableModel.data` answers (others return None at once: views ask for a dozen roles per painted cell).</extracomment>
        <translation>转为 float32：{value}</translation>
    </message>
    <message>
        <source>{name}: label {value}</source>
        <translation>{name}：标签 {value}</translation>
    </message>
    <message>
        <source>{name}: -1 ends the label list; the entries after it are ignored</source>
        <translation>{name}：-1 结束标签列表；其后的条目被忽略</translation>
    </message>
    <message>
        <source>{name}: class index {value}</source>
        <translation>{name}：类别索引 {value}</translation>
    </message>
    <message>
        <source>Internal error: {kind}: {error}</source>
        <translation>内部错误：{kind}: {error}</translation>
    </message>
    <message>
        <source>Clear 1 cell</source>
        <translation>清除 1 个单元格</translation>
    </message>
    <message>
        <source>Clear {count} cells</source>
        <translation>清除 {count} 个单元格</translation>
    </message>
    <message>
        <source>type a number, not a truth value</source>
        <translation>请输入数字，而不是布尔值</translation>
    </message>
</context>
<context>
    <name>TensorTableView</name>
    <message>
        <source>Nothing to paste</source>
        <translation>没有可粘贴的内容</translation>
    </message>
    <message>
        <source>Paste refused: {reason}</source>
        <translation>粘贴被拒绝：{reason}</translation>
    </message>
    <message>
        <source>Paste over selection</source>
        <translation>粘贴到选区</translation>
    </message>
    <message>
        <source>Pasted {rows}×{columns} cells into {name}</source>
        <translation>已将 {rows}×{columns} 个单元格粘贴到 {name}</translation>
    </message>
    <message>
        <source>there are no numbers in the text</source>
        <translation>文本中没有数字</translation>
    </message>
    <message>
        <source>row {row}, column {column}: class indices are whole numbers</source>
        <translation>第 {row} 行第 {column} 列：类别索引必须是整数</translation>
    </message>
</context>
</TS>
